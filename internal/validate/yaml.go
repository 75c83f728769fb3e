package validate

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
)

// yamlLinePrefix is the « line N: » yaml.v3 puts before its messages.
var yamlLinePrefix = regexp.MustCompile(`^(?:yaml: )?line (\d+): `)

// yamlMessages maps yaml.v3's own English messages to sentences in the student's
// language; others are quoted inside a localized sentence (yamlerr.other).
var yamlMessages = []struct {
	prefix, id string
}{
	{"could not find expected ':'", "yamlerr.colon"},
	{"mapping values are not allowed in this context", "yamlerr.mapping"},
	{"did not find expected key", "yamlerr.key"},
	{"did not find expected comment or line break", "yamlerr.linebreak"},
	{"did not find expected node content", "yamlerr.content"},
	{"did not find expected '-' indicator", "yamlerr.dash"},
	{"block sequence entries are not allowed in this context", "yamlerr.sequence"},
	{"found character that cannot start any token", "yamlerr.token"},
	{"found a tab character", "yamlerr.tab"},
	{"found unexpected end of stream", "yamlerr.eof"},
	{"found unclosed", "yamlerr.unclosed"},
	{"did not find expected ',' or ']'", "yamlerr.flow"},
	{"did not find expected ',' or '}'", "yamlerr.flow"},
}

// typeField matches a yaml.v3 type error on an unknown field (KnownFields).
var typeField = regexp.MustCompile(`^field (\S+) not found in type`)

// typeValue matches a yaml.v3 type error on a value of the wrong type.
var typeValue = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)")

// YAMLProblems turns a YAML decoding error into problems of file, each at its line with a
// message in the student's language: the syntax error, or each field of the wrong name
// or type. ok is false when err is no YAML error.
func YAMLProblems(file string, err error) (ps Problems, ok bool) {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, e := range te.Errors {
			line, text := yamlLine(e)
			var msg i18n.Message
			switch m := typeField.FindStringSubmatch(text); {
			case m != nil:
				msg = i18n.M("yamlerr.field", "Field", m[1])
			default:
				if v := typeValue.FindStringSubmatch(text); v != nil {
					msg = i18n.M("yamlerr.type", "Value", v[2], "Kind", v[1])
				} else {
					msg = i18n.M("yamlerr.other", "Detail", text)
				}
			}
			ps = append(ps, Problem{File: file, Line: line, Msg: msg})
		}
		return ps, true
	}
	if err == nil || !strings.HasPrefix(err.Error(), "yaml: ") {
		return nil, false
	}
	line, text := yamlLine(err.Error())
	return Problems{{File: file, Line: line, Msg: YAMLMessage(text)}}, true
}

// YAMLMessage is yaml.v3's message text (without « yaml: » and the line) in the
// student's language.
func YAMLMessage(text string) i18n.Message {
	text = strings.TrimPrefix(text, "yaml: ")
	for _, m := range yamlMessages {
		if strings.HasPrefix(text, m.prefix) {
			return i18n.M(m.id)
		}
	}
	return i18n.M("yamlerr.other", "Detail", text)
}

// yamlLine splits « line N: text » into N and text (0 when there is no line).
func yamlLine(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	m := yamlLinePrefix.FindStringSubmatch(s)
	if m == nil {
		return 0, s
	}
	n, _ := strconv.Atoi(m[1])
	return n, s[len(m[0]):]
}
