package shell

import (
	"strings"
)

// RecordSnippet returns the bash code that appends a Record to historyPath after each
// command of an interactive shell (through PROMPT_COMMAND, keeping any previous one). It
// also defines the aliases the reader expands. The lab shell's rc file includes it.
func RecordSnippet(historyPath string) string {
	return strings.ReplaceAll(recordSnippet, "@HISTORY@", shellQuote(historyPath))
}

const recordSnippet = `# kubetutor: record each command in the lab shell's history (one JSON line).
__kubetutor_history=@HISTORY@
__kubetutor_last=
__kubetutor_started=
HISTCONTROL=
alias k=kubectl
[[ -d ${__kubetutor_history%/*} ]] || mkdir -p -- "${__kubetutor_history%/*}"
__kubetutor_json() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}
  printf '%s' "$s"
}
__kubetutor_record() {
  local ec=$? h n line t
  h=$(HISTTIMEFORMAT= builtin history 1)
  if [[ -z $__kubetutor_started ]]; then
    __kubetutor_started=1
    [[ $h =~ ^[[:space:]]*([0-9]+) ]] && __kubetutor_last=${BASH_REMATCH[1]}
    return $ec
  fi
  if [[ $h =~ ^[[:space:]]*([0-9]+)[*]?[[:space:]]+(.*)$ ]]; then
    n=${BASH_REMATCH[1]}; line=${BASH_REMATCH[2]}
    if [[ $n != "$__kubetutor_last" ]]; then
      # printf %(…)T is bash 4.2+; macOS's /bin/bash is 3.2: ask date(1) there.
      TZ=UTC0 printf -v t '%(%Y-%m-%dT%H:%M:%SZ)T' -1 2>/dev/null || t=$(TZ=UTC0 date +%Y-%m-%dT%H:%M:%SZ)
      printf '{"time":"%s","line":"%s","cwd":"%s","exit":%d}\n' "$t" \
        "$(__kubetutor_json "$line")" "$(__kubetutor_json "$PWD")" "$ec" >>"$__kubetutor_history"
      __kubetutor_last=$n
    fi
  fi
  return $ec
}
PROMPT_COMMAND="__kubetutor_record${PROMPT_COMMAND:+; $PROMPT_COMMAND}"
`

// shellQuote quotes s for bash.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
