package app

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
			left += " " + varname
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
