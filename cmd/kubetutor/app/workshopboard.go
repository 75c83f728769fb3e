package app

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/tui/board"
	"kubetutor/workshop/server"
)

// mountBoardPage adds the projector's read-only endpoints to the class server.
func mountBoardPage(srv *server.Server, key string) {
	srv.Handle("/board/snapshot.json", srv.BoardJSON(key))
	srv.Handle("/board", srv.BoardPage(key))
	srv.Handle("/board/events", srv.BoardEvents(key))
}

// runBoardTUI runs the instructor's class board until the instructor quits or ctx ends.
func runBoardTUI(ctx context.Context, deps *Deps, srv *server.Server, info *classInfo) error {
	extra := []string{}
	for _, l := range info.Lines {
		extra = append(extra, deps.Tr.T("workshop.serve.joinline", map[string]any{"Line": l.String()}))
	}
	extra = append(extra, deps.Tr.T("workshop.serve.boardpage", map[string]any{"URL": info.Scheme + info.Lines[0].Addr + "/board?key=" + info.BoardKey}))
	if qr, err := QRText(info.Lines[0].String()); err == nil {
		extra = append(extra, qr)
	}
	changed, unsubscribe := srv.Subscribe()
	defer unsubscribe()
	m := board.New(board.Config{
		Tr: deps.Tr, Src: srv.Store(), Join: info.Lines[0].String(), Extra: extra,
		Changed: changed, Now: srv.Now, Plain: deps.Getenv("NO_COLOR") != "",
	})
	p := tea.NewProgram(boardProgram{m}, tea.WithContext(ctx), tea.WithInput(deps.In), tea.WithOutput(deps.Out))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return i18n.FailErr(err, "workshop.serve.cannotlisten", "Addr", info.Listen)
	}
	return nil
}

// boardProgram adapts the board to tea.Model.
type boardProgram struct{ m board.Model }

func (b boardProgram) Init() tea.Cmd { return b.m.Init() }

func (b boardProgram) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	b.m, cmd = b.m.Update(msg)
	return b, cmd
}

func (b boardProgram) View() tea.View { return b.m.View() }
