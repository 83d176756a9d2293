#!/usr/bin/env bash
# kaizala-cli's bash completion, loaded as a user loads it (source <(kaizala-cli completion bash)),
# asked what it offers for a few command lines (COMPREPLY), as bash asks it at a TAB.
# Usage: check_bash_completion.sh <kaizala-cli> [<scratch folder>]
set -euo pipefail
cli=${1:?usage: check_bash_completion.sh <kaizala-cli> [scratch]}
scratch=${2:-$(mktemp -d)}
mkdir -p "$scratch"
failures=0

fail() {
  echo "FAILED: $*" >&2
  failures=$((failures + 1))
}

# shellcheck source=/dev/null
source <("$cli" completion bash)
complete -p kaizala-cli | grep -q -- '-F _kaizala_cli' || fail "complete -p: no -F _kaizala_cli"

# offered WORD...: what a TAB offers when the line is WORD... (the last word: the one completed).
offered() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _kaizala_cli
  echo "${COMPREPLY[*]}"
}

# expect "<what>" "<expected, space-separated>" WORD...
expect() {
  local what=$1 want=$2
  shift 2
  local got
  got=$(offered "$@")
  [ "$got" = "$want" ] || fail "$what: '$*' offered '$got', expected '$want'"
}

# expect_has "<what>" "<word that must be offered>" WORD...; expect_lacks likewise.
expect_has() {
  local what=$1 want=$2
  shift 2
  local got
  got=" $(offered "$@") "
  [[ $got == *" $want "* ]] || fail "$what: '$*' did not offer '$want' (offered:$got)"
}
expect_lacks() {
  local what=$1 unwanted=$2
  shift 2
  local got
  got=" $(offered "$@") "
  [[ $got != *" $unwanted "* ]] || fail "$what: '$*' offered '$unwanted'"
}

expect "op name prefix" "SendMessage SendMessageToSubscriber SendSurvey" kaizala-cli Send
expect "own commands" "login logout" kaizala-cli lo
expect "after a global option and its value" "FetchGroupDetails FetchSubgroup FetchDirectGroups FetchMembers FetchJobs FetchingSurveyResponses" \
  kaizala-cli --token T Fetch
expect "op flags by prefix" "--actionType" kaizala-cli FetchJobs --act
expect_has "an op's parameter" --groupId kaizala-cli FetchJobs --
expect_has "a global option after an op" --debug kaizala-cli FetchJobs --
expect_lacks "no --data for an op without a JSON body" --data kaizala-cli FetchJobs --
expect_has "--data for an op with a JSON body" --data kaizala-cli SendMessage --
expect_has "a body field as a flag" --message kaizala-cli SendMessage --
expect_has "a body field's alias as a flag" --groupName kaizala-cli CreateSubgroup --
expect "a body field's enum values" "Group" kaizala-cli CreateGroup --groupType G
expect "--output formats" "table" kaizala-cli GetSubscribers --output t
expect_has "--all among the globals" --all kaizala-cli GetSubscribers --
expect "help: a command" "help" kaizala-cli hel
expect_has "an alias" --showDetails kaizala-cli FetchDirectGroups --
expect "enum value" "Survey ShareLocation" kaizala-cli FetchJobs --actionType S
expect "enum value after --name= (bash splits at =)" "Job" kaizala-cli FetchJobs --actionType = Jo
expect "every enum value after --name=" "Image Audio Document Album Video Job Survey Poll LetsMeet Announcement PhotoWithLocation ShareLocation" \
  kaizala-cli FetchJobs --actionType =
expect "enum value in one --name=value word" "--objectType=ActionPackage" \
  kaizala-cli GetAllWebhooks --objectType=ActionP
expect "bool value" "true" kaizala-cli FetchDirectGroups --showDetails t
expect "no values for free text" "" kaizala-cli FetchJobs --groupId ''
expect "content type" "image/jpeg" kaizala-cli UploadMedia --file x.jpg --content-type image/j
expect "decode: the op" "FetchMembers" kaizala-cli decode FetchMem
expect "decode: the side" "request response" kaizala-cli decode FetchMembers ''
expect_has "decode: its options" --lenient kaizala-cli decode FetchMembers response --
expect "completion: the shell" "bash zsh" kaizala-cli completion ''
expect_has "login's options" --pin-file kaizala-cli login --
expect "logout's options" "--profile" kaizala-cli logout --pro

# Paths: after --file, and after --data @.
mkdir -p "$scratch/files/sub"
: >"$scratch/files/message.json"
: >"$scratch/files/photo.png"
expect "a file after --data @" "@$scratch/files/message.json" kaizala-cli SendMessage --data "@$scratch/files/mes"
expect "a folder after --data @" "@$scratch/files/sub/" kaizala-cli SendMessage --data "@$scratch/files/su"
expect "no paths after --data without @" "" kaizala-cli SendMessage --data "$scratch/files/mes"
expect "a file after --file" "$scratch/files/photo.png" kaizala-cli UploadMedia --file "$scratch/files/ph"

# Every op the CLI knows (its --help lists them) is completed: the script is the generated table's.
ops=$("$cli" --help | awk '/^Operations/ { on = 1; next } on && /^    [A-Za-z_][A-Za-z0-9_]* / { print $1 }')
[ -n "$ops" ] || fail "kaizala-cli --help lists no ops"
all=" $(offered kaizala-cli '') "
for op in $ops; do
  [[ $all == *" $op "* ]] || fail "op $op of kaizala-cli --help is not completed"
done

# A shell kaizala-cli has no script for: a usage error naming the shells it has.
set +e
message=$("$cli" completion fish 2>&1 >/dev/null)
code=$?
set -e
[ "$code" = 2 ] || fail "completion fish: exit status $code, expected 2"
[[ $message == *'unsupported shell "fish" (supported: bash, zsh)'* ]] ||
  fail "completion fish said: $message"

# The zsh script parses (zsh is not among the CI's packages: checked where it is installed).
if command -v zsh >/dev/null; then
  "$cli" completion zsh >"$scratch/_kaizala-cli"
  zsh -n "$scratch/_kaizala-cli" || fail "zsh -n: the zsh script does not parse"
else
  echo "zsh not installed: the zsh script's syntax is not checked"
fi

[ "$failures" -eq 0 ] || exit 1
echo "bash completion: ok ($(echo $ops | wc -w) ops)"
