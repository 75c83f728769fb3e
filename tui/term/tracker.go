package term

import (
	"bytes"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// tracker follows, beside the emulator, the little of its state the fast path depends
// on: whether plain ASCII text printed now would get the default style and no link,
// whether it would print as itself (character sets), whether a line feed at the bottom
// scrolls the whole screen into the scrollback (scroll margins), whether long lines
// wrap, and which screen is shown. It parses the same bytes with the same parser
// (x/ansi, set up as the emulator sets up its own) and mirrors what the emulator's
// handlers do with them, so both agree on every sequence boundary. When it cannot tell,
// it says « not plain », which only sends the bytes down the emulator's ordinary path.
//
// Plain ASCII text and CR LF in the ground state change none of this (while no other
// character set is in GL, and no single shift waits), so the feeder skips the tracker
// for them.
type tracker struct {
	p *ansi.Parser
	h int // the emulator's height, for DECSTBM's default bottom margin
	w int // its width, for DECSLRM's default right margin

	alt   bool       // the alternate screen is shown (screen index 1)
	marg  [2]margins // per screen: the scroll margins
	awm   bool       // autowrap (DECAWM)
	lrmm  bool       // left and right margin mode (DECLRMM)
	decom bool       // origin mode (DECOM)
	lnm   bool       // line feed/new line mode (LNM)
	sgr   [2]bool    // per screen: the pen's style part is the default
	link  [2]bool    // per screen: the pen has no hyperlink
	lsave [2][2]bool // per screen: style and link parts saved by DECSC

	// The character sets of a real terminal (charset.go): the emulator's stay US-ASCII.
	cs     charsets
	csave  [2]charsets // per screen: saved by DECSC
	single int         // 2 or 3: the next character comes from G2 or G3 (SS2, SS3)
	// subst is set when the character just printed prints as another (a line of DEC
	// special graphics): the feeder writes subst in its place.
	subst string
	// irm is insert mode (IRM), which x/vt lacks: insert is set to the width of the
	// character just printed, which the feeder makes room for (ICH) before it.
	irm    bool
	insert int
	// rep is the last printed character when the emulator's REP would repeat another
	// (it repeats only ASCII printed as itself); empty otherwise.
	rep string
	// wide is set when the character just printed is a wide one that starts a
	// grapheme cluster, autowrap on: the feeder prints it at the margin (printWide).
	// prev is the last character printed (0 after anything else), regional 1 after
	// a regional indicator that starts a flag.
	wide     bool
	prev     rune
	regional int

	// instead is set to what the feeder must write in place of the sequence or control
	// just parsed (orig, its bytes): sequences x/vt gets wrong or lacks (fixes.go). ctl
	// says it was a single control byte, not a sequence.
	// moved is set by a control or sequence that may move the cursor (any but SGR and
	// strings): a character printed next no longer waits to wrap.
	moved bool

	instead func(s *session, orig []byte)
	ctl     bool
	n, m    int // the parameters instead needs

	// clearHistory is set when the bytes erased the main screen's scrollback (ED 3);
	// the feeder clears its own history and resets it.
	clearHistory bool
	// extra is set to a sequence x/vt ignores and a terminal does not: the feeder writes
	// its equivalent after it (DECALN, DECCOLM; see extensions.go).
	extra func(*session)
}

// trackerData is how much of a string sequence (OSC, DCS…) the tracker keeps.
const trackerData = 64 << 10

func newTracker(w, h int) *tracker {
	t := &tracker{p: ansi.NewParser(), w: w, h: h}
	// The same parameters as the emulator's parser, so both dispatch the same
	// sequences. String data is only read for OSC 8, and a cut payload (the emulator
	// keeps 4 MB) can only make the link look set: the cautious side.
	t.p.SetParamsSize(parser.MaxParamsSize)
	t.p.SetDataSize(trackerData)
	t.p.SetHandler(ansi.Handler{
		Print:     t.print,
		Execute:   t.execute,
		HandleCsi: t.csi,
		HandleEsc: t.esc,
		HandleOsc: t.osc,
	})
	t.reset()
	return t
}

// reset is RIS: the emulator resets both screens, the modes and the character sets.
func (t *tracker) reset() {
	t.alt = false
	for i := range 2 {
		t.sgr[i], t.link[i] = true, true
		t.lsave[i] = [2]bool{true, true}
		t.marg[i] = margins{0, t.h, 0, t.w}
		t.csave[i] = defaultCharsets()
	}
	t.awm, t.lrmm, t.decom, t.lnm, t.irm = true, false, false, false, false
	t.cs, t.single, t.rep = defaultCharsets(), 0, ""
}

// resize is the emulator's Resize: both screens get full margins again.
func (t *tracker) resize(w, h int) {
	t.w, t.h = w, h
	for i := range 2 {
		t.marg[i] = margins{0, h, 0, w}
	}
}

// ground reports whether the parser is between sequences.
func (t *tracker) ground() bool { return t.p.State() == parser.GroundState }

// holdable reports whether the parser is inside an ESC or CSI sequence (one the feeder
// may write otherwise once it ends) or a UTF-8 character (insert mode writes room for
// it before it).
func (t *tracker) holdable() bool {
	switch t.p.State() {
	case parser.EscapeState, parser.EscapeIntermediateState, parser.CsiEntryState,
		parser.CsiParamState, parser.CsiIntermediateState, parser.Utf8State:
		return true
	}
	return false
}

// inner reports whether b, the next byte, is a control inside an ESC or CSI sequence
// (which a terminal runs at once, going on with the sequence after it).
func (t *tracker) inner(b byte) bool {
	if b >= 0x20 || b == ansi.ESC || b == ansi.CAN || b == ansi.SUB {
		return false
	}
	switch t.p.State() {
	case parser.EscapeState, parser.EscapeIntermediateState, parser.CsiEntryState,
		parser.CsiParamState, parser.CsiIntermediateState:
		return true
	}
	return false
}

// advance feeds one byte that is not plain text in the ground state.
func (t *tracker) advance(b byte) { t.p.Advance(b) }

// printed records that plain ASCII text was printed as itself (only when mapping is
// false): the emulator's REP repeats its last character.
func (t *tracker) printed() { t.rep = "" }

func (t *tracker) scr() int {
	if t.alt {
		return 1
	}
	return 0
}

// plain reports whether plain ASCII text and CR LF would be handled by the emulator
// exactly as the fast path handles them, on the main screen.
func (t *tracker) plain() bool {
	return !t.alt && t.sgr[0] && t.link[0] && t.marg[0].full(t.w, t.h) && t.awm && !t.lrmm && !t.mapping()
}

// execute mirrors the emulator's control handlers for the state above, and asks for
// the fixes of line feeds in a scroll region (fixes.go).
func (t *tracker) execute(b byte) {
	t.moved, t.prev = true, 0
	t.charsetControl(b)
	t.control(b)
}

func (t *tracker) esc(cmd ansi.Cmd) {
	t.moved, t.prev = true, 0
	i := t.scr()
	switch inter, final := cmd.Intermediate(), cmd.Final(); {
	case t.charsetEsc(inter, final):
	case t.fixEsc(inter, final):
	case inter == 0 && final == '7':
		t.save(i)
		t.csave[i] = t.cs
	case inter == 0 && final == '8':
		t.restore(i)
		t.cs = t.csave[i]
	case inter == 0 && final == 'c':
		t.reset()
	case inter == '#' && final == '8':
		t.extra = (*session).alignmentTest
	}
}

func (t *tracker) save(i int)    { t.lsave[i] = [2]bool{t.sgr[i], t.link[i]} }
func (t *tracker) restore(i int) { t.sgr[i], t.link[i] = t.lsave[i][0], t.lsave[i][1] }

func (t *tracker) csi(cmd ansi.Cmd, params ansi.Params) {
	i := t.scr()
	prefix, inter, final := cmd.Prefix(), cmd.Intermediate(), cmd.Final()
	t.moved, t.prev = t.moved || final != 'm', 0
	if inter != 0 {
		return // none of the emulator's sequences with an intermediate touch this state
	}
	switch {
	case prefix == 0 && final == 'm':
		// Default only when every parameter resets (a 0 inside 38;5;0 is a color).
		def := true
		for _, p := range params {
			if p.Param(0) != 0 || p.HasMore() {
				def = false
			}
		}
		t.sgr[i] = def
	case prefix == 0 && final == 'r':
		t.setMargins(i, params, false)
	case prefix == 0 && final == 's':
		if !t.lrmm {
			t.save(i)
			return
		}
		t.setMargins(i, params, true)
	case prefix == 0 && t.fixCsi(i, final, params):
	case prefix == 0 && final == 'J':
		if n, _, _ := params.Param(0, 0); n == 3 && !t.alt {
			t.clearHistory = true
		}
	case prefix == 0 && (final == 'h' || final == 'l'):
		for _, p := range params {
			switch p.Param(-1) {
			case 20:
				t.lnm = final == 'h'
			case 4:
				t.irm = final == 'h'
			}
		}
	case prefix == '?' && (final == 'h' || final == 'l'):
		for _, p := range params {
			t.decMode(p.Param(-1), final == 'h')
		}
	}
}

// decMode mirrors the emulator's setMode for the DEC modes that matter here.
func (t *tracker) decMode(mode int, set bool) {
	switch mode {
	case 3: // DECCOLM: as tmux, clear the screen and reset the margins (no 132 columns)
		m := &t.marg[t.scr()]
		m.top, m.bottom = 0, t.h
		t.extra = (*session).columnMode
	case 6:
		t.decom = set
	case 7:
		t.awm = set
	case 69:
		t.lrmm = set
	case 1048:
		if set {
			t.save(t.scr())
			t.csave[t.scr()] = t.cs
		} else {
			t.restore(t.scr())
			t.cs = t.csave[t.scr()]
		}
	case 1049:
		if set {
			t.save(t.scr())
			t.csave[t.scr()] = t.cs
		}
		t.switchScreen(set)
		if !set { // as a terminal's DECRC (the emulator keeps its cursor as it was)
			t.cs = t.csave[0]
		}
	case 1047:
		t.switchScreen(set)
	}
}

// switchScreen mirrors setAltScreenMode: the alternate screen starts with the main
// screen's cursor (its pen); going back finds the main screen's cursor as it was.
func (t *tracker) switchScreen(alt bool) {
	if alt == t.alt {
		return
	}
	if alt {
		t.sgr[1], t.link[1] = t.sgr[0], t.link[0]
	}
	t.alt = alt
}

func (t *tracker) osc(cmd int, data []byte) {
	t.prev = 0
	if cmd != 8 {
		return
	}
	parts := bytes.Split(data, []byte{';'})
	if len(parts) != 3 {
		return
	}
	t.link[t.scr()] = len(parts[1]) == 0 && len(parts[2]) == 0
}
