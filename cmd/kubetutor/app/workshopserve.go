package app

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/skip2/go-qrcode"
	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/workshop"
	"kubetutor/workshop/server"
)

// DefaultListen is where the class server listens unless told otherwise: loopback only,
// so nothing is exposed to the room's network without an explicit --listen.
const DefaultListen = "127.0.0.1:7070"

type serveOptions struct {
	listen, name, labs, code, boardKey string
	headless, tls                      bool
}

func newWorkshopServeCommand(deps *Deps) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: deps.Tr.T("workshop.serve.short"),
		Long:  deps.Tr.T("workshop.serve.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return runServe(ctx, deps, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.listen, "listen", DefaultListen, deps.Tr.T("workshop.serve.flag.listen"))
	f.StringVar(&opts.name, "name", "", deps.Tr.T("workshop.serve.flag.name"))
	f.StringVar(&opts.labs, "labs", "", deps.Tr.T("workshop.serve.flag.labs"))
	f.StringVar(&opts.code, "code", "", deps.Tr.T("workshop.serve.flag.code"))
	f.StringVar(&opts.boardKey, "board-key", "", deps.Tr.T("workshop.serve.flag.boardkey"))
	f.BoolVar(&opts.headless, "headless", false, deps.Tr.T("workshop.serve.flag.headless"))
	f.BoolVar(&opts.tls, "tls", false, deps.Tr.T("workshop.serve.flag.tls"))
	return cmd
}

// ClassDB is the instructor's class database in a state dir.
func ClassDB(state string) string { return filepath.Join(state, "workshop", "class.db") }

// classInfo is what the instructor's screens show about the running class.
type classInfo struct {
	Name     string
	Code     string
	BoardKey string
	Listen   string
	Lines    []workshop.JoinLine
	Loopback bool
	Scheme   string // http:// or https://
}

func runServe(ctx context.Context, deps *Deps, opts *serveOptions) error {
	host, _, err := net.SplitHostPort(opts.listen)
	if err != nil {
		return i18n.UsageErr(err, "workshop.serve.badlisten", "Addr", opts.listen)
	}
	store, err := server.Open(ClassDB(deps.Dirs.State))
	if err != nil {
		return i18n.FailErr(err, "workshop.db.unavailable", "Path", ClassDB(deps.Dirs.State))
	}
	defer store.Close()
	info, err := setupClass(deps, store, opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.listen)
	if err != nil {
		return i18n.UsageErr(err, "workshop.serve.cannotlisten", "Addr", opts.listen)
	}
	info.Listen = ln.Addr().String()
	info.Loopback, info.Lines = joinLines(host, ln.Addr().(*net.TCPAddr), info.Code)
	info.Scheme = "http://"
	var cert tls.Certificate
	if opts.tls {
		dir := filepath.Dir(ClassDB(deps.Dirs.State))
		var fp string
		if cert, fp, err = workshop.LoadOrCreateCert(dir); err != nil {
			ln.Close()
			return i18n.FailErr(err, "workshop.tls.unavailable", "Path", dir)
		}
		for i := range info.Lines {
			info.Lines[i].Fingerprint = fp
		}
		info.Scheme = "https://"
	}
	cfg := server.Config{Store: store, Code: info.Code, Log: deps.Log}
	if opts.headless {
		cfg.OnEvent = func(name string, events []workshop.Event) { logEvents(deps.Out, name, events) }
	}
	srv := server.New(cfg)
	mountBoardPage(srv, info.BoardKey)
	errc := make(chan error, 1)
	go func() {
		if opts.tls {
			errc <- srv.ServeTLS(ln, cert)
			return
		}
		errc <- srv.Serve(ln)
	}()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if opts.headless {
		printJoin(deps, info, true)
		select {
		case <-ctx.Done():
			fmt.Fprintln(deps.Out, deps.Tr.T("workshop.serve.stopped"))
			return nil
		case err := <-errc:
			return i18n.FailErr(err, "workshop.serve.cannotlisten", "Addr", opts.listen)
		}
	}
	return runBoardTUI(ctx, deps, srv, info)
}

// setupClass stores the class settings: given ones replace the stored ones, else the
// stored ones are kept (a restarted server keeps its code and key), else new ones.
func setupClass(deps *Deps, store *server.Store, opts *serveOptions) (*classInfo, error) {
	info := &classInfo{}
	if opts.code != "" {
		code, ok := workshop.NormalizeCode(opts.code)
		if !ok {
			return nil, i18n.UsageErr(nil, "workshop.serve.badcode", "Code", opts.code, "Alphabet", workshop.CodeAlphabet)
		}
		opts.code = code
	}
	set := func(key, given, def string) (string, error) {
		if given != "" {
			return given, store.SetMeta(key, given)
		}
		return store.MetaOrInit(key, def)
	}
	var err error
	if info.Code, err = set(server.MetaCode, opts.code, workshop.NewCode()); err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", store.Path())
	}
	if info.BoardKey, err = set(server.MetaBoardKey, opts.boardKey, randomKey()); err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", store.Path())
	}
	if info.Name, err = set(server.MetaName, strings.TrimSpace(opts.name), deps.Tr.T("workshop.serve.defaultname")); err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", store.Path())
	}
	cols, labIDs, err := classColumns(deps, opts.labs)
	if err != nil {
		return nil, err
	}
	if err := store.SetColumns(cols); err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", store.Path())
	}
	if err := store.SetMeta(server.MetaLabs, strings.Join(labIDs, ",")); err != nil {
		return nil, i18n.FailErr(err, "workshop.db.unavailable", "Path", store.Path())
	}
	return info, nil
}

// classColumns builds the board's columns: each step of the workshop's labs (all labs
// when none are named), then one per chapter quiz.
func classColumns(deps *Deps, list string) ([]workshop.Column, []string, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	if list == "" {
		if ids, err = labs.List(content); err != nil {
			return nil, nil, i18n.FailErr(err, "workshop.serve.nolabs")
		}
	} else {
		for _, id := range strings.Split(list, ",") {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	var cols []workshop.Column
	for _, id := range ids {
		lab, err := labs.Load(content, id)
		if err != nil {
			return nil, nil, i18n.UsageErr(err, "workshop.serve.badlab", "Lab", id)
		}
		for i, st := range lab.Steps {
			cols = append(cols, workshop.Column{ID: lab.ID + "/" + st.ID, Lab: lab.ID, Step: st.ID,
				Label: fmt.Sprintf("%s%d", abbrev(lab.ID), i+1)})
		}
	}
	if course := loadCourseQuietly(deps); course != nil {
		for _, ch := range course.Chapters {
			if ch.Quiz != "" {
				cols = append(cols, workshop.Column{ID: "quiz:" + ch.ID, Quiz: ch.ID, Label: "Q" + ch.ID})
			}
		}
	}
	return cols, ids, nil
}

// abbrev is a lab id's first two letters, for column headers (« in1 » for inspect's
// first step).
func abbrev(id string) string {
	r := []rune(id)
	return string(r[:min(2, len(r))])
}

func randomKey() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// joinLines returns the addresses students can join at: the listening one, or each of
// the machine's non-loopback IPv4 addresses when listening on every interface.
func joinLines(host string, addr *net.TCPAddr, code string) (loopback bool, lines []workshop.JoinLine) {
	port := fmt.Sprint(addr.Port)
	if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
		return addr.IP.IsLoopback(), []workshop.JoinLine{{Code: code, Addr: net.JoinHostPort(addr.IP.String(), port)}}
	}
	ifaddrs, _ := net.InterfaceAddrs()
	for _, a := range ifaddrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			lines = append(lines, workshop.JoinLine{Code: code, Addr: net.JoinHostPort(n.IP.String(), port)})
		}
	}
	if len(lines) == 0 {
		return true, []workshop.JoinLine{{Code: code, Addr: net.JoinHostPort("127.0.0.1", port)}}
	}
	return false, lines
}

// printJoin prints where the server listens and the join line(s), with a QR code.
func printJoin(deps *Deps, info *classInfo, qr bool) {
	tr, out := deps.Tr, deps.Out
	fmt.Fprintln(out, tr.T("workshop.serve.event", map[string]any{"Event": info.Name}))
	if info.Loopback {
		fmt.Fprintln(out, tr.T("workshop.serve.loopback", map[string]any{"Addr": info.Listen}))
	} else {
		fmt.Fprintln(out, tr.T("workshop.serve.room", map[string]any{"Addr": info.Listen}))
	}
	for _, l := range info.Lines {
		fmt.Fprintln(out, tr.T("workshop.serve.joinline", map[string]any{"Line": l.String()}))
	}
	fmt.Fprintln(out, tr.T("workshop.serve.boardpage", map[string]any{"URL": info.Scheme + info.Lines[0].Addr + "/board?key=" + info.BoardKey}))
	if qr {
		if s, err := QRText(info.Lines[0].String()); err == nil {
			fmt.Fprint(out, s)
		}
	}
}

// QRText draws text as a QR code with half-block characters (two modules a cell).
func QRText(text string) (string, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", err
	}
	return q.ToSmallString(false), nil
}

// logEvents is the headless mode's line per student event.
func logEvents(w io.Writer, name string, events []workshop.Event) {
	now := time.Now().Format("15:04:05")
	if events == nil {
		fmt.Fprintf(w, "%s %s join\n", now, name)
		return
	}
	for _, e := range events {
		fmt.Fprintf(w, "%s %s %s\n", now, name, describeEvent(e))
	}
}
