package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/workshop"
	"kubetutor/workshop/client"
)

func newWorkshopCommand(deps *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "workshop",
		Short: deps.Tr.T("workshop.short"),
		Long:  deps.Tr.T("workshop.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(
		newWorkshopServeCommand(deps),
		newWorkshopJoinCommand(deps),
		newWorkshopLeaveCommand(deps),
		newWorkshopStatusCommand(deps),
		newWorkshopExportCommand(deps),
		newWorkshopImportCommand(deps),
	)
	return cmd
}

func studentClient(deps *Deps) (*client.Client, error) {
	cl, err := client.New(client.Dir(deps.Dirs.State))
	if err != nil {
		return nil, i18n.FailErr(err, "workshop.state.unavailable", "Path", client.Dir(deps.Dirs.State))
	}
	return cl, nil
}

type joinOptions struct{ name string }

func newWorkshopJoinCommand(deps *Deps) *cobra.Command {
	opts := &joinOptions{}
	cmd := &cobra.Command{
		Use:   "join CODE@ADRESSE",
		Short: deps.Tr.T("workshop.join.short"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runJoin(cmd.Context(), deps, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.name, "name", "", deps.Tr.T("workshop.join.flag.name"))
	return cmd
}

func runJoin(ctx context.Context, deps *Deps, arg string, opts *joinOptions) error {
	seat, err := joinClass(ctx, deps, arg, opts.name, false)
	if err != nil {
		return err
	}
	if seat.Name != opts.name {
		fmt.Fprintln(deps.Out, deps.Tr.T("workshop.join.renamed", map[string]any{"Name": seat.Name}))
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("workshop.join.done", map[string]any{"Event": seat.Event, "Name": seat.Name, "Addr": seat.Addr}))
	fmt.Fprintln(deps.Out, deps.Tr.T("workshop.join.what"))
	return nil
}

// joinClass joins the class of the join line arg under name with the student's whole
// progress document, and stores the seat: « workshop join » and the TUI's join form.
// With exact, a name another seat holds is refused (CodeNameTaken, a free name offered)
// instead of suffixed. Errors are the student's messages (refusalErr).
func joinClass(ctx context.Context, deps *Deps, arg, name string, exact bool) (*client.Seat, error) {
	line, err := workshop.ParseJoinLine(arg)
	if err != nil {
		return nil, i18n.UsageErr(err, "workshop.join.badline", "Line", arg)
	}
	if _, nerr := workshop.CleanName(name); nerr != nil {
		return nil, i18n.UsageErr(nerr, "workshop.join.noname")
	}
	cl, err := studentClient(deps)
	if err != nil {
		return nil, err
	}
	var doc *progress.Document
	if store, err := progress.Open(deps.Dirs.ProgressFile()); err == nil {
		doc, _ = store.Load()
	}
	if ctx == nil {
		ctx = context.Background()
	}
	seat, err := cl.JoinAs(ctx, line, name, string(deps.Tr.Lang()), doc, exact)
	if err != nil {
		return nil, refusalErr(err, line.Addr)
	}
	return seat, nil
}

// refusalErr maps a client error to the student's message.
func refusalErr(err error, addr string) error {
	if e, ok := workshop.AsError(err); ok {
		switch e.Code {
		case workshop.CodeBadCode:
			return i18n.UsageErr(err, "workshop.refused.code")
		case workshop.CodeBadName:
			return i18n.UsageErr(err, "workshop.join.noname")
		case workshop.CodeRevoked:
			return i18n.FailErr(err, "workshop.refused.revoked")
		case workshop.CodeRateLimited:
			return i18n.FailErr(err, "workshop.refused.rate")
		}
		return i18n.FailErr(err, "workshop.refused.other", "Reason", e.Reason)
	}
	if errors.Is(err, workshop.ErrFingerprint) {
		return i18n.FailErr(err, "workshop.tls.mismatch", "Addr", addr)
	}
	if errors.Is(err, client.ErrUnreachable) {
		return i18n.FailErr(err, "workshop.unreachable", "Addr", addr)
	}
	return i18n.FailErr(err, "workshop.state.unavailable", "Path", "workshop")
}

func newWorkshopLeaveCommand(deps *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "leave",
		Short: deps.Tr.T("workshop.leave.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cl, err := studentClient(deps)
			if err != nil {
				return err
			}
			seat, err := cl.Seat()
			if err != nil {
				return i18n.FailErr(err, "workshop.state.unavailable", "Path", client.Dir(deps.Dirs.State))
			}
			if seat == nil {
				fmt.Fprintln(deps.Out, deps.Tr.T("workshop.status.none"))
				return nil
			}
			ctx, cancel := context.WithTimeout(context.Background(), client.RequestTimeout)
			defer cancel()
			told, err := cl.Leave(ctx)
			if err != nil {
				return i18n.FailErr(err, "workshop.state.unavailable", "Path", client.Dir(deps.Dirs.State))
			}
			if told {
				fmt.Fprintln(deps.Out, deps.Tr.T("workshop.leave.done", map[string]any{"Event": seat.Event}))
			} else {
				fmt.Fprintln(deps.Out, deps.Tr.T("workshop.leave.offline", map[string]any{"Event": seat.Event}))
			}
			return nil
		},
	}
}

func newWorkshopStatusCommand(deps *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: deps.Tr.T("workshop.status.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cl, err := studentClient(deps)
			if err != nil {
				return err
			}
			seat, err := cl.Seat()
			if err != nil {
				return i18n.FailErr(err, "workshop.state.unavailable", "Path", client.Dir(deps.Dirs.State))
			}
			tr := deps.Tr
			if seat == nil {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.none"))
				fmt.Fprintln(deps.Out, tr.T("workshop.join.what"))
				return nil
			}
			// One short exchange with the server: what is queued leaves now, the class
			// state comes back.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			res, ferr := cl.Flush(ctx)
			cancel()
			if fresh, err := cl.Seat(); err == nil && fresh != nil {
				seat = fresh
			}
			if ferr != nil {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.offline", map[string]any{"Addr": seat.Addr}))
			} else if res.Sent > 0 {
				fmt.Fprintln(deps.Out, tr.N("workshop.status.sent", res.Sent))
			}
			queued, _ := cl.Queue().Len()
			refused, _ := cl.Queue().Refused()
			fmt.Fprintln(deps.Out, tr.T("workshop.status.seat", map[string]any{"Event": seat.Event, "Name": seat.Name, "Addr": seat.Addr}))
			if seat.Revoked {
				fmt.Fprintln(deps.Out, tr.T("workshop.refused.revoked"))
			}
			if seat.State.Banner != "" {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.banner", map[string]any{"Text": seat.State.Banner}))
			}
			if len(seat.State.LockedSolutions) > 0 {
				fmt.Fprintln(deps.Out, tr.T("workshop.tui.locked", map[string]any{"Labs": strings.Join(seat.State.LockedSolutions, ", ")}))
			}
			if seat.LastAck.IsZero() {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.never"))
			} else {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.lastack", map[string]any{"Ago": time.Since(seat.LastAck).Round(time.Second).String()}))
			}
			if queued == 0 {
				fmt.Fprintln(deps.Out, tr.T("workshop.status.empty"))
			} else {
				fmt.Fprintln(deps.Out, tr.N("workshop.status.queued", queued))
			}
			if refused > 0 {
				fmt.Fprintln(deps.Out, tr.N("workshop.status.refused", refused))
			}
			fmt.Fprintln(deps.Out, tr.T("workshop.join.what"))
			return nil
		},
	}
}

// describeEvent is one queued event as « workshop status » lists it: every field that
// will leave the machine.
func describeEvent(e workshop.Event) string {
	s := e.At.Local().Format("15:04:05") + " " + string(e.Kind)
	for _, f := range []string{e.Lab, e.Step, e.Status, e.Chapter, e.Section, e.Quiz} {
		if f != "" {
			s += " " + f
		}
	}
	if e.Hints > 0 {
		s += fmt.Sprintf(" hints=%d", e.Hints)
	}
	if e.Max > 0 {
		s += fmt.Sprintf(" %g/%g", e.Score, e.Max)
	}
	if e.Reason != "" {
		s += " «\u00a0" + e.Reason + "\u00a0»"
	}
	return s
}
