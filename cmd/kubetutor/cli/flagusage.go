package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"kubetutor/i18n"
)

// flagUsages formats a flag set like pflag's FlagUsages, with the default value shown in
// the student's language.
func flagUsages(tr *i18n.Translator, fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			left = fmt.Sprintf("  -%s, --%s", f.Shorthand, f.Name)
		}
		varname, usage := pflag.UnquoteUsage(f)
		if varname != "" {
			left += " " + valueName(tr, f, varname)
		}
		if f.NoOptDefVal != "" && f.Value.Type() != "bool" {
			left += fmt.Sprintf("[=%s]", f.NoOptDefVal)
		}
		if showDefault(f) {
			usage += " " + tr.T("cli.flag.default", map[string]any{"Value": f.DefValue})
		}
		rows = append(rows, row{left, usage})
		width = max(width, len([]rune(left)))
	})
	var b strings.Builder
	for _, r := range rows {
		pad := width - len([]rune(r.left)) + 3
		lines := strings.Split(r.usage, "\n")
		b.WriteString(r.left + strings.Repeat(" ", pad) + lines[0] + "\n")
		for _, l := range lines[1:] {
			b.WriteString(strings.Repeat(" ", width+3) + l + "\n")
		}
	}
	return b.String()
}

// showDefault reports whether a flag's default is worth printing (not a zero value).
func showDefault(f *pflag.Flag) bool {
	switch f.DefValue {
	case "", "false", "0", "[]", "<nil>", "0s":
		return false
	}
	return true
}

// valueNames names the value a flag takes in the student's language, instead of pflag's
// Go type (« --lang string »); flags not listed get their type translated.
var valueNames = map[string]string{
	"answer":     "cli.value.answer",
	"chapter":    "cli.value.chapter",
	"course":     "cli.value.dir",
	"image":      "cli.value.image",
	"kubeconfig": "cli.value.file",
	"lang":       "cli.value.lang",
	"mode":       "cli.value.mode",
	"name":       "cli.value.name",
	"section":    "cli.value.section",
	"step":       "cli.value.step",
	"style":      "cli.value.style",
	"width":      "cli.value.columns",
	"workers":    "cli.value.number",
}

var valueTypes = map[string]string{
	"string":   "cli.value.text",
	"int":      "cli.value.number",
	"duration": "cli.value.duration",
}

func valueName(tr *i18n.Translator, f *pflag.Flag, varname string) string {
	if varname != f.Value.Type() {
		return varname // named in the usage text itself, between backquotes
	}
	if key, ok := valueNames[f.Name]; ok {
		return tr.T(key)
	}
	if key, ok := valueTypes[varname]; ok {
		return tr.T(key)
	}
	return varname
}
