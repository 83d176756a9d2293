// `kaizala-cli completion bash|zsh`: a completion script for the shell, written from the generated
// op table. The script carries the tables (ops, their options, enum values) instead of calling
// kaizala-cli at each TAB: completing costs no process start, works where the binary is slow to
// start or not yet on PATH, and a spec change reaches the script when the CLI is rebuilt (the build
// writes the installed scripts by running the CLI it built).
#include "completion.hpp"

#include "op_options.hpp"
#include "operations.hpp"

#include <kaizala/generated/all.hpp>
#include <kaizala/media_types.hpp>
#include <kaizala/reflect.hpp>

#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

namespace kaizala::cli {
namespace {

// `text` as one shell word, in single quotes (the same in bash and zsh).
std::string quoted(std::string_view text) {
  std::string q = "'";
  for (char c : text) {
    if (c == '\'')
      q += "'\\''";
    else if (c == '\n' || c == '\r' || c == '\t')
      q += ' ';
    else
      q += c;
  }
  return q + "'";
}

std::string quoted_list(const std::vector<std::string_view>& words) {
  std::string list;
  for (auto w : words) list += (list.empty() ? "" : " ") + quoted(w);
  return list;
}

// The values an option of an op can take, when they are few: an enum's, or a bool's.
struct option_choices {
  std::string_view option;
  std::vector<std::string_view> values;
};

struct op_completion {
  std::string_view name, summary;
  std::vector<std::string_view> options;  // without "--"
  std::vector<option_choices> choices;
};

template <class Op>
op_completion completion_of() {
  op_completion c{Op::name, Op::summary, op_option_names<Op>(), {}};
  for_each_field<typename Op::request>([&](auto d, const meta::field& f) {
    using M = std::remove_cv_t<
        std::remove_reference_t<decltype(std::declval<typename Op::request&>().*d.pointer)>>;
    const bool body_field = Op::body == body_kind::json && f.in == meta::location::body;
    if (!is_option_param(f) && !body_field) return;
    std::vector<std::string_view> values;
    if constexpr (is_param_type_v<M>) {
      values = enum_names<M>();
      if (values.empty() && type_name<M>() == "bool") values = {"true", "false"};
    }
    if (values.empty()) return;
    c.choices.push_back({f.json_name, values});
    for_each_alias(f, [&](std::string_view a) { c.choices.push_back({a, values}); });
  });
  return c;
}

const std::vector<op_completion>& completion_table() {
  static const std::vector<op_completion> table = [] {
    std::vector<op_completion> t;
    api::for_each_op([&](auto tag) { t.push_back(completion_of<typename decltype(tag)::type>()); });
    return t;
  }();
  return table;
}

// The tables and the two functions that read them: valid bash and zsh alike.
void write_tables(std::ostream& out) {
  out << "# The ops, with their summaries.\n_kaizala_cli_ops=(\n";
  for (const auto& op : completion_table())
    out << "  " << quoted(std::string(op.name) + ":" + std::string(op.summary)) << '\n';
  out << ")\n"
         "# kaizala-cli's own commands.\n"
         "_kaizala_cli_commands=(\n"
         "  'login:sign in with a PIN and save a profile'\n"
         "  'logout:remove a saved profile'\n"
         "  'decode:read a request body or a response offline, as the binding does'\n"
         "  'completion:print the bash or zsh completion script'\n"
         "  'help:describe an op or a body type (help SurveyBody)'\n"
         ")\n"
         "# The global options (without --), taken anywhere on the line.\n"
         "_kaizala_cli_globals=(base auth-base token timeout header output all debug help "
         "version)\n\n";

  out << "# _kaizala_cli_options COMMAND: the options COMMAND takes besides the global ones, in\n"
         "# _kaizala_cli_reply (without --).\n"
         "_kaizala_cli_options() {\n"
         "  case $1 in\n";
  for (const auto& op : completion_table())
    out << "    " << quoted(op.name) << ") _kaizala_cli_reply=(" << quoted_list(op.options)
        << ") ;;\n";
  out << "    login) _kaizala_cli_reply=(" << quoted_list(login_option_names()) << ") ;;\n"
      << "    logout) _kaizala_cli_reply=(" << quoted_list(logout_option_names()) << ") ;;\n"
      << "    decode) _kaizala_cli_reply=('data' 'lenient') ;;\n"
         "    *) _kaizala_cli_reply=() ;;\n"
         "  esac\n"
         "}\n\n";

  std::vector<std::string_view> media_types;
  for (const auto& m : upload_media_types) {
    bool seen = false;
    for (auto t : media_types) seen = seen || t == m.type;
    if (!seen) media_types.push_back(m.type);
  }
  out << "# _kaizala_cli_values COMMAND OPTION: what follows --OPTION. _kaizala_cli_kind is words\n"
         "# (one of _kaizala_cli_reply), file (a path), data (JSON, or @ and a path) or text.\n"
         "_kaizala_cli_values() {\n"
         "  _kaizala_cli_reply=()\n"
         "  _kaizala_cli_kind=words\n"
         "  case $1 in\n";
  for (const auto& op : completion_table()) {
    if (op.choices.empty()) continue;
    out << "    " << quoted(op.name) << ")\n      case $2 in\n";
    for (const auto& c : op.choices)
      out << "        " << quoted(c.option) << ") _kaizala_cli_reply=(" << quoted_list(c.values)
          << "); return ;;\n";
    out << "      esac ;;\n";
  }
  out << "  esac\n"
         "  case $2 in\n"
         "    file|secret-file|pin-file) _kaizala_cli_kind=file ;;\n"
         "    data) _kaizala_cli_kind=data ;;\n"
         "    output) _kaizala_cli_reply=('json' 'table' 'raw') ;;\n"
         "    content-type) _kaizala_cli_reply=("
      << quoted_list(media_types)
      << ") ;;\n"
         "    *) _kaizala_cli_kind=text ;;\n"
         "  esac\n"
         "}\n\n";
}

void write_bash(std::ostream& out) {
  out << "# bash completion for kaizala-cli, written by `kaizala-cli completion bash` from the\n"
         "# generated op table. Load it with: source <(kaizala-cli completion bash)\n\n";
  write_tables(out);
  out << R"(# _kaizala_cli_add PARTIAL WORD...: each WORD that starts with PARTIAL, into COMPREPLY.
_kaizala_cli_add() {
  local partial=$1 w
  shift
  for w in "$@"; do
    if [[ $w == "$partial"* ]]; then
      COMPREPLY+=("$w")
    fi
  done
}

# _kaizala_cli_files PREFIX PARTIAL: the paths that start with PARTIAL, each after PREFIX ("@").
_kaizala_cli_files() {
  local f
  while IFS= read -r f; do
    if [[ -d $f ]]; then
      f+=/
    fi
    COMPREPLY+=("$1$f")
  done < <(compgen -f -- "$2")
  if [[ ${#COMPREPLY[@]} == 1 && ${COMPREPLY[0]} == */ ]]; then
    compopt -o nospace 2>/dev/null
  fi
}

_kaizala_cli() {
  COMPREPLY=()
  local cur=${COMP_WORDS[COMP_CWORD]} prefix= value_of= w i=1
  local -a positional=() _kaizala_cli_reply=()
  local _kaizala_cli_kind=
  # The words before the cursor, read as kaizala-cli reads them: every --option but the flags
  # takes the next word (bash splits --name=value into three words: --name, = and value).
  while (( i < COMP_CWORD )); do
    w=${COMP_WORDS[i]}
    case $w in
      -h|--help|--version|--lenient|--debug|--all) ;;
      --*=*) ;;
      --?*)
        if [[ ${COMP_WORDS[i+1]-} == = ]]; then
          if (( i + 1 == COMP_CWORD || i + 2 == COMP_CWORD )); then
            value_of=${w#--}
          fi
          (( i += 2 ))
        else
          if (( i + 1 == COMP_CWORD )); then
            value_of=${w#--}
          fi
          (( i += 1 ))
        fi ;;
      *) positional+=("$w") ;;
    esac
    (( i += 1 ))
  done
  if [[ $cur == = && -n $value_of ]]; then
    cur=
  fi
  if [[ -z $value_of && $cur == --?*=* ]]; then
    prefix=${cur%%=*}=
    value_of=${prefix#--}
    value_of=${value_of%=}
    cur=${cur#*=}
  fi
  local cmd=${positional[0]-}
  if [[ -n $value_of ]]; then
    _kaizala_cli_values "$cmd" "$value_of"
    case $_kaizala_cli_kind in
      words) _kaizala_cli_add "$cur" "${_kaizala_cli_reply[@]}" ;;
      file)
        compopt -o filenames 2>/dev/null
        _kaizala_cli_files '' "$cur" ;;
      data)
        if [[ $cur == @* ]]; then
          _kaizala_cli_files @ "${cur#@}"
        fi ;;
    esac
    if [[ -n $prefix ]]; then
      COMPREPLY=("${COMPREPLY[@]/#/$prefix}")
    fi
    return 0
  fi
  if [[ $cur == -* || ( -n $cmd && $cmd != decode && $cmd != completion ) ]]; then
    _kaizala_cli_options "$cmd"
    local -a names=("${_kaizala_cli_globals[@]}" "${_kaizala_cli_reply[@]}")
    _kaizala_cli_add "$cur" "${names[@]/#/--}"
    return 0
  fi
  case $cmd in
    '') _kaizala_cli_add "$cur" "${_kaizala_cli_ops[@]%%:*}" "${_kaizala_cli_commands[@]%%:*}" ;;
    decode)
      if (( ${#positional[@]} == 1 )); then
        _kaizala_cli_add "$cur" "${_kaizala_cli_ops[@]%%:*}"
      elif (( ${#positional[@]} == 2 )); then
        _kaizala_cli_add "$cur" request response
      fi ;;
    completion)
      if (( ${#positional[@]} == 1 )); then
        _kaizala_cli_add "$cur" bash zsh
      fi ;;
  esac
  return 0
}

complete -F _kaizala_cli kaizala-cli
)";
}

void write_zsh(std::ostream& out) {
  out << "#compdef kaizala-cli\n"
         "# zsh completion for kaizala-cli, written by `kaizala-cli completion zsh` from the\n"
         "# generated op table. Put it on $fpath as _kaizala-cli, or load it in a shell where\n"
         "# compinit ran: source <(kaizala-cli completion zsh)\n\n";
  write_tables(out);
  out << R"(_kaizala_cli() {
  local cur=${words[CURRENT]} value_of= w i=2
  local -a positional _kaizala_cli_reply names
  local _kaizala_cli_kind
  # The words before the cursor, read as kaizala-cli reads them: every --option but the flags
  # takes the next word.
  while (( i < CURRENT )); do
    w=${words[i]}
    case $w in
      -h|--help|--version|--lenient|--debug|--all) ;;
      --*=*) ;;
      --?*)
        if (( i + 1 == CURRENT )); then
          value_of=${w#--}
        fi
        (( i += 1 )) ;;
      *) positional+=("$w") ;;
    esac
    (( i += 1 ))
  done
  if [[ -z $value_of && $cur == --?*=* ]]; then
    value_of=${${cur%%=*}#--}
    compset -P '*='
  fi
  local cmd=${positional[1]-}
  if [[ -n $value_of ]]; then
    _kaizala_cli_values "$cmd" "$value_of"
    case $_kaizala_cli_kind in
      words) compadd -a _kaizala_cli_reply ;;
      file) _files ;;
      data)
        if compset -P '@'; then
          _files
        fi ;;
    esac
    return
  fi
  if [[ $cur == -* || ( -n $cmd && $cmd != decode && $cmd != completion ) ]]; then
    _kaizala_cli_options "$cmd"
    names=("${_kaizala_cli_globals[@]}" "${_kaizala_cli_reply[@]}")
    compadd -- "${names[@]/#/--}"
    return
  fi
  case $cmd in
    '') _describe -t commands 'kaizala-cli command' _kaizala_cli_ops -- _kaizala_cli_commands ;;
    decode)
      if (( ${#positional} == 1 )); then
        _describe -t operations 'operation' _kaizala_cli_ops
      elif (( ${#positional} == 2 )); then
        compadd request response
      fi ;;
    completion)
      if (( ${#positional} == 1 )); then
        compadd bash zsh
      fi ;;
  esac
}

if [[ ${funcstack[1]-} == _kaizala-cli ]]; then
  _kaizala_cli "$@"
else
  compdef _kaizala_cli kaizala-cli
fi
)";
}

}  // namespace

const std::vector<std::string_view>& completion_shells() {
  static const std::vector<std::string_view> shells = {"bash", "zsh"};
  return shells;
}

bool write_completion(std::string_view shell, std::ostream& out) {
  if (shell == "bash") {
    write_bash(out);
    return true;
  }
  if (shell == "zsh") {
    write_zsh(out);
    return true;
  }
  return false;
}

}  // namespace kaizala::cli
