package ticker

import "io"

// file is what Bubble Tea needs of a terminal output to treat it as a terminal (its
// size, raw mode, colour profile): x/term's File.
type file interface {
	io.ReadWriteCloser
	Fd() uintptr
}

// Output returns the writer to give the program (tea.WithOutput): the Gate's own out,
// still a terminal to Bubble Tea when out is one. Its Unwrap returns out, for what
// must reach the terminal itself (a process run with tea.Exec).
func (g *Gate) Output() io.Writer {
	if f, ok := g.out.(file); ok {
		return &fileOutput{g: g, f: f}
	}
	return &output{g: g}
}

// Unwrap returns w's terminal when w is a Gate's Output, w otherwise.
func Unwrap(w io.Writer) io.Writer {
	if u, ok := w.(interface{ Unwrap() io.Writer }); ok {
		return u.Unwrap()
	}
	return w
}

type output struct{ g *Gate }

func (o *output) Write(p []byte) (int, error) { return o.g.write(p) }
func (o *output) Unwrap() io.Writer           { return o.g.out }

type fileOutput struct {
	g *Gate
	f file
}

func (o *fileOutput) Write(p []byte) (int, error) { return o.g.write(p) }
func (o *fileOutput) Read(p []byte) (int, error)  { return o.f.Read(p) }
func (o *fileOutput) Close() error                { return o.f.Close() }
func (o *fileOutput) Fd() uintptr                 { return o.f.Fd() }
func (o *fileOutput) Unwrap() io.Writer           { return o.f }
