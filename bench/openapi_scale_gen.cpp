// Writes a synthetic OpenAPI 3.0 document (JSON) for the import scale benchmark
// (bench/openapi_scale.sh): <ops> operations over <schemas> component schemas, in 20 tags.
// Deterministic: the same arguments and seed give the same bytes.
// Usage: openapi_scale_gen <ops> <schemas> <seed> > api.json
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

std::uint64_t state;
std::uint64_t next() {  // splitmix64
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
unsigned pick(unsigned n) { return unsigned(next() % n); }

std::string schema_name(unsigned i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "Model%04u", i);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: openapi_scale_gen <ops> <schemas> <seed>\n");
    return 2;
  }
  unsigned ops = unsigned(std::strtoul(argv[1], nullptr, 10));
  unsigned schemas = unsigned(std::strtoul(argv[2], nullptr, 10));
  state = std::strtoull(argv[3], nullptr, 10);
  if (ops == 0 || schemas == 0) return 2;

  std::printf(
      "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Scale\", \"version\": \"1\"},\n");
  std::printf("  \"servers\": [{\"url\": \"http://127.0.0.1:9/api\"}],\n");
  std::printf(
      "  \"components\": {\n    \"securitySchemes\": {\"bearer\": {\"type\": \"http\", \"scheme\": "
      "\"bearer\"}},\n");
  std::printf("    \"schemas\": {\n");
  for (unsigned i = 0; i < schemas; ++i) {
    std::printf(
        "      \"%s\": {\"type\": \"object\", \"description\": \"Model number %u.\", \"required\": "
        "[\"id\"], "
        "\"properties\": {\n",
        schema_name(i).c_str(), i);
    std::printf("        \"id\": {\"type\": \"string\", \"format\": \"uuid\"},\n");
    std::printf("        \"count\": {\"type\": \"integer\", \"format\": \"int%d\"},\n",
                pick(2) ? 32 : 64);
    std::printf("        \"active\": {\"type\": \"boolean\"},\n");
    std::printf("        \"labels\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}},\n");
    if (pick(3) == 0)
      std::printf(
          "        \"state\": {\"type\": \"string\", \"enum\": [\"fresh\", \"open\", "
          "\"closed\"]},\n");
    if (i > 0)  // refers to an earlier model, so refs form a forest, never a cycle
      std::printf("        \"parent\": {\"$ref\": \"#/components/schemas/%s\"},\n",
                  schema_name(pick(i)).c_str());
    std::printf("        \"note\": {\"type\": \"string\", \"maxLength\": 200}\n      }}%s\n",
                i + 1 < schemas ? "," : "");
  }
  std::printf("    }\n  },\n  \"security\": [{\"bearer\": []}],\n  \"paths\": {\n");
  const char* methods[] = {"get", "post", "put", "delete"};
  unsigned paths = (ops + 3) / 4;
  unsigned done = 0;
  for (unsigned p = 0; p < paths; ++p) {
    std::printf("    \"/resources%u/{id}\": {\n", p);
    for (unsigned m = 0; m < 4 && done < ops; ++m, ++done) {
      std::string model = schema_name(pick(schemas));
      std::printf(
          "      \"%s\": {\"operationId\": \"%s%u\", \"tags\": [\"area%u\"], \"summary\": "
          "\"Operation %u.\",\n",
          methods[m], methods[m], p, p % 20, done);
      std::printf(
          "        \"parameters\": [{\"name\": \"id\", \"in\": \"path\", \"required\": true, "
          "\"schema\": {\"type\": \"string\"}},\n");
      std::printf(
          "                       {\"name\": \"limit\", \"in\": \"query\", \"schema\": {\"type\": "
          "\"integer\", "
          "\"format\": \"int32\"}}],\n");
      if (m == 1 || m == 2)
        std::printf(
            "        \"requestBody\": {\"required\": true, \"content\": {\"application/json\": "
            "{\"schema\": "
            "{\"$ref\": \"#/components/schemas/%s\"}}}},\n",
            model.c_str());
      if (m == 3)
        std::printf("        \"responses\": {\"204\": {\"description\": \"Deleted.\"}}}%s\n",
                    m + 1 < 4 && done + 1 < ops ? "," : "");
      else
        std::printf(
            "        \"responses\": {\"200\": {\"description\": \"OK.\", \"content\": "
            "{\"application/json\": "
            "{\"schema\": {\"$ref\": \"#/components/schemas/%s\"}}}}}}%s\n",
            model.c_str(), m + 1 < 4 && done + 1 < ops ? "," : "");
    }
    std::printf("    }%s\n", p + 1 < paths ? "," : "");
  }
  std::printf("  }\n}\n");
}
