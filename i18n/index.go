package i18n

import (
	"strings"
)

// The catalogs are read lazily: every command starts by building its command tree and
// prints a handful of messages, and parsing the whole of a language's catalogs (about a
// thousand messages, 75 kB) was most of what `kubetutor version` did after package
// initialization. index scans a catalog file for where each message is, without decoding
// anything; a message's TOML is decoded (by go-toml, as the whole file would be) the first
// time it is asked for. The scan knows the shape the catalogs have: comments, `"id" = `
// or `id = ` followed by a string ("…", """…""", '…' or '''…''') and a [table] of plural
// forms. Anything else in a file, and the file is parsed whole instead, so a catalog that
// uses more of TOML is still read right (TestIndexMatchesTheParse compares both on every
// catalog).

// index returns where each message of a catalog file is: its id and the TOML that
// decodes to it (a key's line or lines, or a table with its header). ok is false when the
// file holds something the scan does not know; parse the file whole then.
func index(data string) (msgs map[string]string, ok bool) {
	msgs = map[string]string{}
	return msgs, indexInto(msgs, data)
}

// indexInto is index, into msgs (a file's messages replace those already there with the
// same ids). When it gives up, msgs may hold some of the file's messages: the whole
// parse of the file replaces them. A key twice in a file is not TOML; the whole parse
// would refuse it, and TestIndexMatchesTheParse parses every catalog whole.
func indexInto(msgs map[string]string, data string) bool {
	table, tableStart := "", -1
	var tableKeys []string
	endTable := func(end int) bool {
		if tableStart < 0 {
			return true
		}
		src := data[tableStart:end]
		plural := 0
		for _, k := range tableKeys {
			if pluralKeys[strings.ToLower(k)] {
				plural++
			}
		}
		ids := []string{table}
		switch plural {
		case len(tableKeys):
		case 0:
			ids = ids[:0]
			for _, k := range tableKeys {
				ids = append(ids, table+"."+k)
			}
		default:
			return false // mixed: the parse reports it
		}
		for _, id := range ids {
			msgs[id] = src
		}
		tableStart, tableKeys = -1, nil
		return true
	}
	for pos := 0; pos < len(data); {
		lineEnd := strings.IndexByte(data[pos:], '\n')
		if lineEnd < 0 {
			lineEnd = len(data)
		} else {
			lineEnd += pos
		}
		line := strings.TrimLeft(data[pos:lineEnd], " \t")
		switch {
		case strings.TrimRight(line, " \t\r") == "" || line[0] == '#':
			pos = lineEnd + 1
			continue
		case line[0] == '[':
			if !endTable(pos) {
				return false
			}
			key, rest, ok := scanKey(line[1:])
			rest = strings.TrimLeft(rest, " \t")
			if !ok || !strings.HasPrefix(rest, "]") || !blankOrComment(rest[1:]) {
				return false
			}
			table, tableStart = key, pos
			pos = lineEnd + 1
			continue
		}
		key, rest, ok := scanKey(line)
		if !ok {
			return false
		}
		rest = strings.TrimLeft(rest, " \t")
		if !strings.HasPrefix(rest, "=") {
			return false
		}
		valueAt := lineEnd - len(strings.TrimLeft(rest[1:], " \t")) // rest ends the line
		end, ok := scanString(data, valueAt)
		if !ok {
			return false
		}
		next := strings.IndexByte(data[end:], '\n')
		if next < 0 {
			next = len(data)
		} else {
			next += end
		}
		if !blankOrComment(data[end:next]) {
			return false
		}
		if tableStart >= 0 {
			tableKeys = append(tableKeys, key)
		} else {
			msgs[key] = data[pos:next]
		}
		pos = next + 1
	}
	return endTable(len(data))
}

// scanKey reads a key at the start of s: "quoted" without escapes, or bare
// (A-Za-z0-9_-). A dotted bare key is not one the scan knows.
func scanKey(s string) (key, rest string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexAny(s[1:], "\"\\\n")
		if end < 0 || s[1+end] != '"' {
			return "", "", false
		}
		return s[1 : 1+end], s[2+end:], true
	}
	n := 0
	for n < len(s) && (s[n] == '_' || s[n] == '-' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == 0 || (n < len(s) && s[n] == '.') {
		return "", "", false
	}
	return s[:n], s[n:], true
}

// scanString returns where the string value starting at data[at] ends.
func scanString(data string, at int) (end int, ok bool) {
	s := data[at:]
	switch {
	case strings.HasPrefix(s, `"""`), strings.HasPrefix(s, `'''`):
		quote := s[:3]
		for i := 3; i < len(s); i++ {
			switch {
			case quote[0] == '"' && s[i] == '\\':
				i++
			case strings.HasPrefix(s[i:], quote):
				j := i + 3
				for k := 0; k < 2 && j < len(s) && s[j] == quote[0]; k++ {
					j++ // up to two quotes of the content's end come before the closing three
				}
				return at + j, true
			}
		}
	case strings.HasPrefix(s, `"`):
		for i := 1; i < len(s); i++ {
			switch s[i] {
			case '\\':
				i++
			case '\n':
				return 0, false
			case '"':
				return at + i + 1, true
			}
		}
	case strings.HasPrefix(s, `'`):
		if i := strings.IndexAny(s[1:], "'\n"); i >= 0 && s[1+i] == '\'' {
			return at + i + 2, true
		}
	}
	return 0, false
}

// blankOrComment reports whether the rest of a line holds nothing but a comment.
func blankOrComment(s string) bool {
	s = strings.TrimLeft(s, " \t\r")
	return s == "" || s[0] == '#'
}

// quickDecode decodes the TOML of a message that is one key and a string without
// escapes, most of them, without go-toml: such a string's text is what is between its
// quotes (less the newline that may follow a multi-line string's opening quotes). ok is
// false for anything else; go-toml decodes it.
func quickDecode(src string) (f forms, ok bool) {
	_, rest, ok := scanKey(src)
	if !ok {
		return forms{}, false
	}
	rest = strings.TrimLeft(rest, " \t")
	if !strings.HasPrefix(rest, "=") {
		return forms{}, false
	}
	v := strings.TrimLeft(rest[1:], " \t")
	end, ok := scanString(v, 0)
	if !ok || !blankOrComment(v[end:]) || strings.Contains(v[end:], "\n") {
		return forms{}, false
	}
	quotes := 1
	if strings.HasPrefix(v, `"""`) || strings.HasPrefix(v, `'''`) {
		quotes = 3
	}
	text := v[quotes : end-quotes]
	if v[0] == '"' && strings.ContainsRune(text, '\\') {
		return forms{}, false
	}
	if quotes == 3 {
		text = strings.TrimPrefix(text, "\n")
	}
	if strings.ContainsRune(text, '\r') {
		return forms{}, false
	}
	return forms{other: text}, true
}
