package cli

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kubetutor/i18n"
)

// flagError turns pflag's English parse errors into a usage error that names the cause in
// the student's language: the flag that wants a value, the value that is not a number,
// the option that does not exist. The English text stays in the log (the cause).
func flagError(c *cobra.Command, err error) error {
	cmd := c.CommandPath()
	var (
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		unknown  *pflag.NotExistError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &required):
		return i18n.UsageErr(err, "cliflag.required", "Cmd", cmd, "Flag", flagName(required.GetFlag(), required.GetSpecifiedName()))
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		id := "cliflag.invalid.value"
		switch f.Value.Type() {
		case "int", "int32", "int64", "uint", "uint32", "uint64", "float64":
			id = "cliflag.invalid.number"
		case "duration":
			id = "cliflag.invalid.duration"
		case "bool":
			id = "cliflag.invalid.bool"
		}
		return i18n.UsageErr(err, id, "Cmd", cmd, "Flag", flagName(f, f.Name), "Value", invalid.GetValue())
	case errors.As(err, &unknown):
		name := "--" + unknown.GetSpecifiedName()
		if s := unknown.GetSpecifiedShortnames(); s != "" {
			name = "-" + unknown.GetSpecifiedName()
		}
		return i18n.UsageErr(err, "cliflag.unknown", "Cmd", cmd, "Flag", name)
	case errors.As(err, &syntax):
		return i18n.UsageErr(err, "cliflag.syntax", "Cmd", cmd, "Flag", syntax.GetSpecifiedFlag())
	}
	return i18n.UsageErr(err, "cli.flag.invalid", "Cmd", cmd)
}

// flagName is how the student typed the flag: --name (or -x for a shorthand).
func flagName(f *pflag.Flag, specified string) string {
	if f != nil && len(specified) == 1 && f.Shorthand == specified {
		return "-" + specified
	}
	if f != nil {
		return "--" + f.Name
	}
	return "--" + strings.TrimLeft(specified, "-")
}
