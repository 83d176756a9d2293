// Profiles: what `kaizala-cli login` keeps so later calls need no token on the command line.
// One JSON file per profile under $XDG_CONFIG_HOME/kaizala/ (else ~/.config/kaizala/), mode 0600,
// written atomically. It holds tokens, never the connector secret.
#pragma once

#include <cstdint>
#include <string>

namespace kaizala::cli {

struct profile {
  std::string endpoint;        // endpointUrl from GenerateAccessToken
  std::string auth_base;       // where login's auth ops went ("" = the spec's)
  std::string application_id;  // the connector id
  std::string mobile_number;
  std::string refresh_token;
  std::string access_token;
  std::int64_t access_token_expiry = 0;  // epoch milliseconds
};

// The profile's name: `given` (--profile), else $KAIZALA_PROFILE, else "default".
std::string profile_name(const std::string* given);

// The file of profile `name`; "" with `problem` set when the name is not one (letters, digits,
// '.', '_', '-', not starting with '.') or no config folder can be found.
std::string profile_path(const std::string& name, std::string& problem);

// Reads a profile. Returns false with `problem` set; `missing` tells a file that is not there.
bool load_profile(const std::string& path, profile& p, bool& missing, std::string& problem);

// Writes a profile: the folder made with mode 0700 if needed, a temp file of mode 0600 beside the
// profile, then renamed over it, so a reader never sees half a file.
bool save_profile(const std::string& path, const profile& p, std::string& problem);

}  // namespace kaizala::cli
