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
# Without EPOCHREALTIME (bash before 5.0, macOS's 3.2) the tutor times the commands: the
# markers go down the pipe it passed on fd 3, moved to fd 72 (out of the way of the
# student's own redirections); a bash 5 says hello and closes it.
__kubetutor_clock=
__kubetutor_armed=
if [[ ${KUBETUTOR_CLOCK_FD:-} == 3 ]]; then
  if [[ -z ${EPOCHREALTIME:-} ]] && { exec 72>&3; } 2>/dev/null; then
    __kubetutor_clock=1
  fi
  { printf 'H\n' >&3; exec 3>&-; } 2>/dev/null
fi
unset KUBETUTOR_CLOCK_FD
__kubetutor_json() {
  local s=$1
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}; s=${s//$'\t'/\\t}; s=${s//$'\r'/\\r}
  printf '%s' "$s"
}
__kubetutor_record() {
  local ec=$? h n line t now ms rec
  h=$(HISTTIMEFORMAT= builtin history 1)
  if [[ -z $__kubetutor_started ]]; then
    __kubetutor_started=1
    [[ $h =~ ^[[:space:]]*([0-9]+) ]] && __kubetutor_last=${BASH_REMATCH[1]}
    return $ec
  fi
  if [[ $h =~ ^[[:space:]]*([0-9]+)[*]?[[:space:]]+(.*)$ ]]; then
    n=${BASH_REMATCH[1]}; line=${BASH_REMATCH[2]}
    if [[ $n != "$__kubetutor_last" ]]; then
      now=${EPOCHREALTIME/[.,]/}
      t=
      if [[ -n $now ]]; then
        TZ=UTC0 printf -v t '%(%Y-%m-%dT%H:%M:%S)T.%sZ' "${now:0:${#now}-6}" "${now:${#now}-6}" 2>/dev/null || t=
      fi
      # EPOCHREALTIME is bash 5 and printf %(…)T bash 4.2; macOS's /bin/bash is 3.2: ask
      # date(1) there (the tutor's clock, when there, replaces time and duration).
      [[ -n $t ]] || t=$(TZ=UTC0 date +%Y-%m-%dT%H:%M:%SZ)
      ms=0
      [[ -n $now && -n $__kubetutor_start ]] && ms=$(( (now - __kubetutor_start) / 1000 ))
      printf -v rec '{"time":"%s","line":"%s","cwd":"%s","exit":%d,"ms":%d}' "$t" \
        "$(__kubetutor_json "$line")" "$(__kubetutor_json "$PWD")" "$ec" "$ms"
      if [[ -n $__kubetutor_clock ]]; then
        printf 'R %s\n' "$rec" >&72 2>/dev/null
      else
        printf '%s\n' "$rec" >>"$__kubetutor_history"
      fi
      __kubetutor_last=$n
    fi
  fi
  __kubetutor_start=
  return $ec
}
PROMPT_COMMAND="__kubetutor_record${PROMPT_COMMAND:+; $PROMPT_COMMAND}"
if [[ -n $__kubetutor_clock ]]; then
  # The DEBUG trap runs before every simple command: the first one after the prompt
  # (armed last, after any other prompt command) is the start of the command line.
  __kubetutor_debug() {
    [[ -n $__kubetutor_armed ]] || return 0
    __kubetutor_armed=
    printf 'S\n' >&72 2>/dev/null
  }
  trap '__kubetutor_debug' DEBUG
  PROMPT_COMMAND="$PROMPT_COMMAND; __kubetutor_armed=1"
fi
# PS0 is expanded just before a command line runs: the arithmetic in the subscript
# stores the start time (microseconds) and the expansion prints nothing.
PS0='${__kubetutor_start[__kubetutor_start=${EPOCHREALTIME/[.,]/},0]:0:0}'"${PS0:-}"
`

// shellQuote quotes s for bash.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
