package shell

import (
	"path"
	"strings"
)

// Aliases are the lab shell's aliases (the rc snippet defines them): the reader expands
// them so a check on kubectl also sees « k get nodes ».
var Aliases = map[string]string{"k": "kubectl"}

// wrappers run the command that follows them.
var wrappers = map[string]bool{"sudo": true, "command": true, "exec": true, "time": true, "nohup": true}

// Split splits a command line into the argv of its simple commands, the way a POSIX shell
// would for the common cases: quotes, backslashes, and the separators | || && ; & and
// newline. Redirections (> f, 2>&1, &>f, < f) are not arguments and are dropped.
// Expansions ($VAR, $(…), globs) are kept as written.
func Split(line string) [][]string {
	var (
		cmds     [][]string
		argv     []string
		word     strings.Builder
		inWord   bool
		dropNext bool // the next word is a redirection's target
	)
	endWord := func() {
		if inWord {
			if dropNext {
				dropNext = false
			} else {
				argv = append(argv, word.String())
			}
			word.Reset()
			inWord = false
		}
	}
	endCmd := func() {
		endWord()
		dropNext = false
		if len(argv) > 0 {
			cmds = append(cmds, argv)
			argv = nil
		}
	}
	r := []rune(line)
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\\' && i+1 < len(r):
			i++
			if r[i] != '\n' {
				word.WriteRune(r[i])
				inWord = true
			}
		case c == '\'':
			inWord = true
			for i++; i < len(r) && r[i] != '\''; i++ {
				word.WriteRune(r[i])
			}
		case c == '"':
			inWord = true
			for i++; i < len(r) && r[i] != '"'; i++ {
				if r[i] == '\\' && i+1 < len(r) && strings.ContainsRune(`"\$`+"`", r[i+1]) {
					i++
				}
				word.WriteRune(r[i])
			}
		case c == '#' && !inWord:
			for i < len(r) && r[i] != '\n' {
				i++
			}
			endCmd()
		case c == '>' || c == '<' || (c == '&' && i+1 < len(r) && r[i+1] == '>'):
			if inWord && isDigits(word.String()) { // the descriptor of 2>
				word.Reset()
				inWord = false
			}
			endWord()
			i = skipRedirection(r, i, &dropNext)
		case c == '|' || c == '&' || c == ';' || c == '\n':
			endCmd()
		case c == ' ' || c == '\t':
			endWord()
		default:
			word.WriteRune(c)
			inWord = true
		}
	}
	endCmd()
	return cmds
}

// normalize drops leading environment assignments and wrappers, expands aliases and
// reduces the program to its base name.
func normalize(argv []string) []string {
	for len(argv) > 0 {
		a := argv[0]
		if i := strings.IndexByte(a, '='); i > 0 && isName(a[:i]) {
			argv = argv[1:]
			continue
		}
		if wrappers[a] {
			argv = argv[1:]
			continue
		}
		break
	}
	if len(argv) == 0 {
		return nil
	}
	out := append([]string{}, argv...)
	out[0] = path.Base(out[0])
	if full, ok := Aliases[out[0]]; ok {
		out[0] = full
	}
	return out
}

func isName(s string) bool {
	for i, c := range s {
		if c != '_' && (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// skipRedirection consumes the redirection operator starting at r[i] and returns the
// index of its last rune. When the operator takes a file name (> f, &>f, < f), *dropNext
// is set so the next word is skipped; a descriptor duplication (2>&1, >&-) takes none.
func skipRedirection(r []rune, i int, dropNext *bool) int {
	j := i + 1
	for j < len(r) && strings.ContainsRune("<>&|", r[j]) {
		j++
	}
	if r[j-1] == '&' && j-1 > i {
		k := j
		for k < len(r) && (r[k] >= '0' && r[k] <= '9' || r[k] == '-') {
			k++
		}
		if k > j {
			return k - 1
		}
	}
	*dropNext = true
	return j - 1
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
