package term

import (
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/tmuxtest"
)

// The fidelity tests run a program twice in tmux at the same size, in the same run: in
// a plain tmux pane, and in the pane (this test binary, run as a small Bubble Tea
// program that shows only the pane, hostEnv naming the command). Both get the same
// keys; their screens, captured with capture-pane -e, are compared cell by cell (the
// character and its colours and attributes), with the cursor.

// hostEnv names the shell command TestPaneHost runs in the pane.
const hostEnv = "KUBETUTOR_PANE_HOST"

// paneHost is the Bubble Tea program of TestPaneHost: the pane, the whole window.
type paneHost struct{ pane Model }

func (h paneHost) Init() tea.Cmd { return h.pane.Start() }

func (h paneHost) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.pane.SetSize(msg.Width, msg.Height)
		return h, nil
	case ExitedMsg:
		return h, tea.Quit
	case tea.MouseMsg: // the whole window is the pane
		h.pane, cmd = h.pane.Mouse(msg, msg.Mouse().X, msg.Mouse().Y)
		return h, cmd
	}
	h.pane, cmd = h.pane.Update(msg)
	return h, cmd
}

func (h paneHost) View() tea.View {
	v := tea.NewView(h.pane.View())
	v.AltScreen = true
	v.MouseMode = h.pane.MouseMode()
	v.Cursor = h.pane.Cursor()
	return v
}

// TestPaneHost is not a test: the fidelity tests run this binary with it as the
// program in their tmux session. Its colours go out as they are (inside tmux, Bubble
// Tea would detect 256 colours and convert truecolour).
func TestPaneHost(t *testing.T) {
	command := os.Getenv(hostEnv)
	if command == "" {
		t.Skip("run by the fidelity tests only")
	}
	pane := New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) {
		return exec.Command("sh", "-c", command), nil
	}})
	pane.Focus()
	if _, err := tea.NewProgram(paneHost{pane: pane}, tea.WithFPS(RendererFPS), tea.WithColorProfile(colorprofile.TrueColor)).Run(); err != nil {
		t.Fatal(err)
	}
}

// twin is one program in a plain tmux pane and in the pane, driven alike.
type twin struct {
	t           *testing.T
	plain, pane *tmuxtest.Session
}

// startTwin runs command (a shell command line) in both, w×h. The plain pane gets the
// pane's TERM, so that the program sends both the same sequences.
func startTwin(t *testing.T, w, h int, command string, tools ...string) *twin {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make test-fidelity installs it)", tool)
		}
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := "env TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 LC_ALL=C.UTF-8 "
	tw := &twin{t: t}
	tw.plain = tmuxtest.Start(t, w, h, env+"sh -c "+shellQuote(command))
	tw.pane = tmuxtest.Start(t, w, h, "env COLORTERM=truecolor LANG=C.UTF-8 LC_ALL=C.UTF-8 "+hostEnv+"="+shellQuote(env+"sh -c "+shellQuote(command))+
		" "+shellQuote(self)+" -test.run '^TestPaneHost$'")
	for _, s := range []*tmuxtest.Session{tw.plain, tw.pane} {
		_, _ = s.Tmux("set", "-g", "status", "off")
		_, _ = s.Tmux("resize-window", "-t", "kt", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
	}
	return tw
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// send types the same keys (tmux key names) in both.
func (tw *twin) send(keys ...string) {
	for _, k := range keys {
		for _, s := range []*tmuxtest.Session{tw.plain, tw.pane} {
			if out, err := s.Tmux("send-keys", "-t", "kt", k); err != nil {
				tw.t.Fatalf("send-keys %q: %v %s", k, err, out)
			}
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// settle waits until both screens hold still (and show text, when given), then returns
// them.
func (tw *twin) settle(text string) (plain, pane screen) {
	tw.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last [2]string
	still := 0
	for {
		cur := [2]string{capture(tw.plain), capture(tw.pane)}
		if cur == last && strings.Contains(ansi.Strip(cur[0]), text) && strings.Contains(ansi.Strip(cur[1]), text) {
			still++
		} else {
			still = 0
		}
		if still >= 4 {
			return parseScreen(cur[0], tw.plain), parseScreen(cur[1], tw.pane)
		}
		if time.Now().After(deadline) {
			tw.t.Fatalf("the screens did not settle (waiting for %q):\nplain:\n%s\npane:\n%s", text, stripped(cur[0]), stripped(cur[1]))
		}
		last = cur
		time.Sleep(120 * time.Millisecond)
	}
}

func capture(s *tmuxtest.Session) string {
	out, _ := s.Tmux("capture-pane", "-e", "-N", "-p", "-t", "kt") // -N: a trailing reverse blank is not dropped
	cur, _ := s.Tmux("display", "-p", "-t", "kt", "#{cursor_x},#{cursor_y},#{cursor_flag}")
	return out + "\x00" + cur
}

func stripped(s string) string { return ansi.Strip(strings.ReplaceAll(s, "\x00", "\ncursor ")) }

// cell is one grapheme of a captured row with its style.
type cell struct {
	text  string
	style string
	bare  bool // a blank with no background: dropped at the end of a row
}

// screen is a captured screen: its rows of cells (trailing blanks with no background
// dropped) and the cursor.
type screen struct {
	rows   [][]cell
	cursor string
}

// acs is what tmux draws for DEC special graphics (capture-pane marks them with SO/SI).
var acs = map[rune]string{
	'+': "→", ',': "←", '-': "↑", '.': "↓", '0': "▮", '`': "◆", 'a': "▒", 'b': "␉", 'c': "␌",
	'd': "␍", 'e': "␊", 'f': "°", 'g': "±", 'h': "␤", 'i': "␋", 'j': "┘", 'k': "┐", 'l': "┌",
	'm': "└", 'n': "┼", 'o': "⎺", 'p': "⎻", 'q': "─", 'r': "⎼", 's': "⎽", 't': "├", 'u': "┤",
	'v': "┴", 'w': "┬", 'x': "│", 'y': "≤", 'z': "≥", '{': "π", '|': "≠", '}': "£", '~': "·",
}

// parseScreen reads capture-pane -e output: SGR, SO/SI and text.
func parseScreen(captured string, _ *tmuxtest.Session) screen {
	text, cur, _ := strings.Cut(captured, "\x00")
	var sc screen
	sc.cursor = strings.TrimSpace(cur)
	so := false // capture-pane does not mark it again on each row
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		var pen uv.Style
		var row []cell
		p := ansi.NewParser()
		var graph []rune
		flush := func() {
			if len(graph) == 0 {
				return
			}
			for _, g := range splitGraphemes(string(graph)) {
				row = append(row, cell{text: g, style: blankStyle(g, pen), bare: g == " " && pen.Bg == nil})
			}
			graph = graph[:0]
		}
		p.SetHandler(ansi.Handler{
			Print: func(r rune) {
				if so {
					if m, ok := acs[r]; ok {
						flush()
						row = append(row, cell{text: m, style: styleKey(pen)})
						return
					}
				}
				graph = append(graph, r)
			},
			Execute: func(b byte) {
				flush()
				switch b {
				case ansi.SO:
					so = true
				case ansi.SI:
					so = false
				}
			},
			HandleCsi: func(cmd ansi.Cmd, params ansi.Params) {
				flush()
				if cmd.Final() == 'm' {
					uv.ReadStyle(params, &pen)
				}
			},
		})
		for i := 0; i < len(line); i++ {
			p.Advance(line[i])
		}
		flush()
		// Trailing blanks with no background are dropped, as capture-pane drops them
		// without -N (even reversed: tmux keeps the one a wrap left pending, an EL there
		// erases it in a VT100 and in the pane).
		for len(row) > 0 && row[len(row)-1].bare {
			row = row[:len(row)-1]
		}
		sc.rows = append(sc.rows, row)
	}
	return sc
}

// blankStyle is styleKey, but for a blank whose style does not show (a foreground
// colour, bold, italic…: what capture-pane -N keeps of cleared cells), the default.
func blankStyle(g string, pen uv.Style) string {
	if g == " " && pen.Bg == nil && pen.Underline == 0 && pen.Attrs&(uv.AttrReverse|uv.AttrStrikethrough) == 0 {
		return styleKey(uv.Style{})
	}
	return styleKey(pen)
}

func splitGraphemes(s string) []string {
	var out []string
	for len(s) > 0 {
		g, _ := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		if g == "" {
			break
		}
		out = append(out, g)
		s = s[len(g):]
	}
	return out
}

// styleKey names a style with its colours as RGB (a basic colour and the same index in
// the 256-colour palette are one colour).
func styleKey(s uv.Style) string {
	c := func(c color.Color) string {
		if c == nil {
			return "-"
		}
		r, g, b, _ := c.RGBA()
		return fmt.Sprintf("%02x%02x%02x", r>>8, g>>8, b>>8)
	}
	return fmt.Sprintf("%s/%s/%s/%d/%d", c(s.Fg), c(s.Bg), c(s.UnderlineColor), s.Underline, s.Attrs)
}

// diff lists the cells (and the cursor, when one shows it) where the pane's screen differs from the plain
// one's, at most max of them.
func diff(plain, pane screen, max int) []string {
	var out []string
	for y := range max2(len(plain.rows), len(pane.rows)) {
		var a, b []cell
		if y < len(plain.rows) {
			a = plain.rows[y]
		}
		if y < len(pane.rows) {
			b = pane.rows[y]
		}
		for x := range max2(len(a), len(b)) {
			var ca, cb cell
			if x < len(a) {
				ca = a[x]
			}
			if x < len(b) {
				cb = b[x]
			}
			if ca != cb && len(out) < max {
				out = append(out, fmt.Sprintf("row %d cell %d: tmux %q %s, pane %q %s", y, x, ca.text, ca.style, cb.text, cb.style))
			}
		}
	}
	if plain.cursor != pane.cursor && !(strings.HasSuffix(plain.cursor, ",0") && strings.HasSuffix(pane.cursor, ",0")) {
		out = append(out, fmt.Sprintf("cursor: tmux %s, pane %s (x,y,visible)", plain.cursor, pane.cursor))
	}
	return out
}

func max2(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// text returns a screen's characters, for messages.
func (sc screen) text() string {
	var b strings.Builder
	for _, r := range sc.rows {
		for _, c := range r {
			b.WriteString(c.text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// blankRows returns sc with the rows that contain text blanked (a temporary file's
// name, different in each run).
func (sc screen) blankRows(text string) screen {
	out := screen{cursor: sc.cursor, rows: make([][]cell, len(sc.rows))}
	for y, r := range sc.rows {
		var b strings.Builder
		for _, c := range r {
			b.WriteString(c.text)
		}
		if !strings.Contains(b.String(), text) {
			out.rows[y] = r
		}
	}
	return out
}

// same fails the test when the screens differ.
func (tw *twin) same(what string, plain, pane screen) {
	tw.t.Helper()
	if d := diff(plain, pane, 12); len(d) > 0 {
		tw.t.Errorf("%s: the pane differs from tmux:\n%s\ntmux:\n%s\npane:\n%s", what, strings.Join(d, "\n"), plain.text(), pane.text())
	}
}
