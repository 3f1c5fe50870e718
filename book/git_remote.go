package book

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp/capability"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
)

// DefaultRemote is the name of the remote acct shares a book through.
const DefaultRemote = "origin"

// ErrNoRemote is returned (wrapped) when the book has no remote to sync with.
var ErrNoRemote = errors.New("the book has no remote: add one with 'acct remote add URL'")

// ErrAuth is returned (wrapped) when the remote refuses our credentials.
var ErrAuth = errors.New("authentication failed")

// ErrUnreachable is returned (wrapped) when the remote cannot be reached.
var ErrUnreachable = errors.New("remote unreachable")

// ErrPushRejected is returned (wrapped) when the remote keeps refusing the
// push after every retry.
var ErrPushRejected = errors.New("push rejected by the remote")

// RemoteInfo is one configured remote.
type RemoteInfo struct {
	Name string
	URL  string // without any password
}

// Remotes lists the repository's remotes, sorted by name, with any
// password in a URL (set by other tools) replaced by xxxxx.
func (r *Repo) Remotes() ([]RemoteInfo, error) {
	rs, err := r.repo.Remotes()
	if err != nil {
		return nil, err
	}
	var out []RemoteInfo
	for _, rm := range rs {
		c := rm.Config()
		u := ""
		if len(c.URLs) > 0 {
			u = c.URLs[0]
		}
		out = append(out, RemoteInfo{Name: c.Name, URL: redactURL(u)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// AddRemote adds a remote called name (DefaultRemote when empty) with url,
// and makes the current branch track the same-named branch there. A
// relative local path is made absolute. It fails when the remote exists.
func (r *Repo) AddRemote(name, rawURL string) error {
	if name == "" {
		name = DefaultRemote
	}
	u := normalizeURL(rawURL)
	if err := checkURLCredentials(u); err != nil {
		return err
	}
	_, err := r.repo.CreateRemote(&config.RemoteConfig{Name: name, URLs: []string{u},
		Fetch: []config.RefSpec{config.RefSpec("+refs/heads/*:refs/remotes/" + name + "/*")}})
	if errors.Is(err, git.ErrRemoteExists) {
		return fmt.Errorf("remote %q already exists; acct remote shows it", name)
	}
	if err != nil {
		return err
	}
	if branch, _, err := r.headTarget(); err == nil && branch != "" {
		return r.setUpstream(branch, name)
	}
	return nil
}

// setUpstream records in the config that branch tracks remote's same-named
// branch, as 'git push -u' does.
func (r *Repo) setUpstream(branch plumbing.ReferenceName, remote string) error {
	cfg, err := r.repo.Config()
	if err != nil {
		return err
	}
	cfg.Branches[branch.Short()] = &config.Branch{Name: branch.Short(), Remote: remote, Merge: branch}
	return r.repo.SetConfig(cfg)
}

// normalizeURL makes a local path absolute; URLs and scp-like addresses
// (git@host:path) are kept.
func normalizeURL(u string) string {
	if strings.Contains(u, "://") {
		return u
	}
	if i := strings.IndexByte(u, ':'); i > 0 && !strings.ContainsAny(u[:i], `/\`) && len(u[:i]) > 1 {
		return u // scp-like
	}
	if abs, err := filepath.Abs(u); err == nil {
		return abs
	}
	return u
}

// remoteURL returns the URL of the named remote.
func (r *Repo) remoteURL(name string) (string, error) {
	rm, err := r.repo.Remote(name)
	if errors.Is(err, git.ErrRemoteNotFound) {
		return "", ErrNoRemote
	}
	if err != nil {
		return "", err
	}
	if len(rm.Config().URLs) == 0 {
		return "", ErrNoRemote
	}
	return rm.Config().URLs[0], nil
}

// fetch brings the remote's branches into refs/remotes/<remote>/*. empty is
// true when the remote has no commits yet.
func (r *Repo) fetch(remote string, getenv func(string) string, progress io.Writer) (empty bool, err error) {
	u, err := r.remoteURL(remote)
	if err != nil {
		return false, err
	}
	acc, err := openAccess(u, getenv)
	if err != nil {
		return false, err
	}
	defer acc.close()
	fetch := func() error {
		return r.repo.Fetch(&git.FetchOptions{RemoteName: remote, Auth: acc.auth, CABundle: acc.caBundle, ProxyOptions: acc.proxy, Tags: git.NoTags, Progress: progress,
			RefSpecs: []config.RefSpec{config.RefSpec("+refs/heads/*:refs/remotes/" + remote + "/*")}})
	}
	err = fetch()
	if acc.askHelper(err) {
		err = fetch()
	}
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
		return false, nil
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return true, nil
	}
	return false, acc.remoteError("fetch from", err)
}

// errPushRace marks a push the remote refused because its branch moved.
var errPushRace = errors.New("the remote branch moved")

// push sends branch to the same-named branch of remote, never forcing: the
// remote's branch must be an ancestor of ours, and the receive-pack command
// carries the old value the remote checks (so a branch moved meanwhile is
// refused, not overwritten). The objects sent are found by diffing each new
// commit's tree against its first parent's, skipping equal subtrees;
// go-git's Push instead walks every tree of the remote's history to learn
// what it has, which took 8 s on a 10,000-account book with 1,000 commits.
func (r *Repo) push(remote string, branch plumbing.ReferenceName, getenv func(string) string, progress io.Writer) error {
	u, err := r.remoteURL(remote)
	if err != nil {
		return err
	}
	acc, err := openAccess(u, getenv)
	if err != nil {
		return err
	}
	defer acc.close()
	ep, err := transport.NewEndpoint(u)
	if err != nil {
		return err
	}
	ep.CaBundle = acc.caBundle
	ep.Proxy = acc.proxy
	cl, err := client.NewClient(ep)
	if err != nil {
		return err
	}
	ctx := context.Background()
	open := func() (transport.ReceivePackSession, *packp.AdvRefs, error) {
		sess, err := cl.NewReceivePackSession(ep, acc.auth)
		if err != nil {
			return nil, nil, err
		}
		ar, err := sess.AdvertisedReferencesContext(ctx)
		if err != nil && !errors.Is(err, transport.ErrEmptyRemoteRepository) {
			sess.Close()
			return nil, nil, err
		}
		return sess, ar, nil
	}
	sess, ar, err := open()
	if acc.askHelper(err) {
		sess, ar, err = open()
	}
	if err != nil {
		return acc.remoteError("push to", err)
	}
	defer sess.Close()
	var old plumbing.Hash
	if ar != nil {
		if refs, err := ar.AllReferences(); err == nil {
			if ref, ok := refs[branch]; ok {
				old = ref.Hash()
			}
		}
	}
	local, err := r.readRef(branch)
	if err != nil {
		return err
	}
	if local == old {
		return nil
	}
	known := map[plumbing.Hash]bool{}
	if !old.IsZero() {
		oc, err := r.commitObject(old)
		if err != nil {
			return fmt.Errorf("%w: the remote has %s, not fetched yet", errPushRace, short(old))
		}
		lc, err := r.commitObject(local)
		if err != nil {
			return err
		}
		if ok, err := oc.IsAncestor(lc); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: non-fast-forward", errPushRace)
		}
		if err := r.ancestors(old, known); err != nil {
			return err
		}
	}
	hashes, err := r.objectsToSend(local, known)
	if err != nil {
		return err
	}
	req := packp.NewReferenceUpdateRequestFromCapabilities(ar.Capabilities)
	// The side band carries the server's messages (a hook's reason for
	// refusing the push), kept for the error and shown as progress.
	acc.remoteSays = &remoteMessages{}
	req.Progress = acc.remoteSays
	if progress != nil {
		req.Progress = io.MultiWriter(progress, acc.remoteSays)
	}
	if ar.Capabilities.Supports(capability.Sideband64k) {
		req.Capabilities.Set(capability.Sideband64k)
	} else if ar.Capabilities.Supports(capability.Sideband) {
		req.Capabilities.Set(capability.Sideband)
	}
	req.Commands = []*packp.Command{{Name: branch, Old: old, New: local}}
	rd, wr := io.Pipe()
	req.Packfile = rd
	done := make(chan error, 1)
	go func() {
		e := packfile.NewEncoder(wr, r.repo.Storer, !ar.Capabilities.Supports(capability.OFSDelta))
		if _, err := e.Encode(hashes, 10); err != nil {
			done <- wr.CloseWithError(err)
			return
		}
		done <- wr.Close()
	}()
	rs, err := sess.ReceivePack(ctx, req)
	if err != nil {
		rd.Close()
		<-done
		return r.pushError(acc, err)
	}
	if err := <-done; err != nil {
		return r.pushError(acc, err)
	}
	if rs != nil {
		if err := rs.Error(); err != nil {
			return r.pushError(acc, err)
		}
	}
	// Record what the remote now has, as git does after a push.
	return r.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewRemoteReferenceName(remote, branch.Short()), local))
}

// pushError classifies a refused push: the branch moved (retry after a
// fetch), a rejection (hooks, protection), or a transport problem.
func (r *Repo) pushError(acc *remoteAccess, err error) error {
	msg := err.Error()
	for _, s := range []string{"non-fast-forward", "fetch first", "failed to update ref", "cannot lock ref", "stale info", "failed to lock", "but expected"} {
		if strings.Contains(msg, s) {
			return fmt.Errorf("%w: %v", errPushRace, err)
		}
	}
	for _, s := range []string{"command error on", "declined", "rejected", "protected branch"} {
		if strings.Contains(msg, s) {
			return fmt.Errorf("push to %s: %w: %v%s (your commits are kept locally; acct never forces a push: check the branch's protection or hooks with the remote's admin)", redactURL(acc.url), ErrPushRejected, err, acc.remoteSays.quote())
		}
	}
	return acc.remoteError("push to", err)
}

// ancestors adds commit h and every commit it descends from to set.
func (r *Repo) ancestors(h plumbing.Hash, set map[plumbing.Hash]bool) error {
	stack := []plumbing.Hash{h}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if set[c] {
			continue
		}
		set[c] = true
		co, err := r.commitObject(c)
		if err != nil {
			return err
		}
		stack = append(stack, co.ParentHashes...)
	}
	return nil
}

// objectsToSend lists the commits reachable from local and not in known,
// with the trees and blobs each changed against its first parent.
func (r *Repo) objectsToSend(local plumbing.Hash, known map[plumbing.Hash]bool) ([]plumbing.Hash, error) {
	out := map[plumbing.Hash]bool{}
	seen := map[plumbing.Hash]bool{}
	stack := []plumbing.Hash{local}
	for len(stack) > 0 {
		h := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if known[h] || seen[h] {
			continue
		}
		seen[h] = true
		c, err := r.commitObject(h)
		if err != nil {
			return nil, err
		}
		out[h] = true
		var parentTree plumbing.Hash
		if len(c.ParentHashes) > 0 {
			p, err := r.commitObject(c.ParentHashes[0])
			if err != nil {
				return nil, err
			}
			parentTree = p.TreeHash
		}
		if err := r.newTreeObjects(parentTree, c.TreeHash, out); err != nil {
			return nil, err
		}
		stack = append(stack, c.ParentHashes...)
	}
	list := make([]plumbing.Hash, 0, len(out))
	for h := range out {
		list = append(list, h)
	}
	return list, nil
}

// newTreeObjects adds tree b and every tree and blob below it that differs
// from the same path in tree a.
func (r *Repo) newTreeObjects(a, b plumbing.Hash, out map[plumbing.Hash]bool) error {
	if a == b || out[b] {
		return nil
	}
	out[b] = true
	ta, err := r.tree(a)
	if err != nil {
		return err
	}
	tb, err := r.tree(b)
	if err != nil {
		return err
	}
	old := make(map[string]plumbing.Hash, len(ta.Entries))
	for _, e := range ta.Entries {
		old[e.Name] = e.Hash
	}
	for _, e := range tb.Entries {
		if old[e.Name] == e.Hash {
			continue
		}
		switch e.Mode {
		case filemode.Dir:
			oh := old[e.Name]
			if err := r.newTreeObjects(oh, e.Hash, out); err != nil {
				return err
			}
		case filemode.Submodule:
		default:
			out[e.Hash] = true
		}
	}
	return nil
}

// CloneOptions configure Clone.
type CloneOptions struct {
	// Getenv reads the environment (credentials, HOME); nil means os.Getenv.
	Getenv func(string) string
	// Progress receives the transport's progress messages (nil: none).
	Progress io.Writer
}

// Clone copies the book at rawURL into dir (which must not exist or be
// empty): a new repository whose remote "origin" is rawURL, the remote's
// default branch checked out and tracked. An empty remote gives an empty
// repository ready to sync. On failure nothing is left: the folder it
// created is removed, an existing empty folder is emptied again. A URL
// holding a password is refused (ErrCredentialsInURL): it would be stored.
func Clone(rawURL, dir string, opts CloneOptions) (r *Repo, err error) {
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if ents, err := os.ReadDir(abs); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("%s already exists and is not empty", dir)
	}
	u := normalizeURL(rawURL)
	if err := checkURLCredentials(u); err != nil {
		return nil, err
	}
	acc, err := openAccess(u, opts.Getenv)
	if err != nil {
		return nil, err
	}
	defer acc.close()
	created := false
	if _, err := os.Stat(abs); errors.Is(err, os.ErrNotExist) {
		created = true
	}
	defer func() {
		if err == nil {
			return
		}
		if created {
			os.RemoveAll(abs)
			return
		}
		ents, _ := os.ReadDir(abs)
		for _, e := range ents {
			os.RemoveAll(filepath.Join(abs, e.Name()))
		}
	}()
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	branch := "main"
	for _, c := range globalConfigs(opts.Getenv) {
		if v := c.Section("init").Option("defaultBranch"); v != "" {
			branch = v
		}
	}
	if _, err := git.PlainInitWithOptions(abs, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName(branch)}}); err != nil {
		return nil, err
	}
	r, err = OpenRepo(abs)
	if err != nil {
		return nil, err
	}
	if _, err := r.repo.CreateRemote(&config.RemoteConfig{Name: DefaultRemote, URLs: []string{u},
		Fetch: []config.RefSpec{config.RefSpec("+refs/heads/*:refs/remotes/" + DefaultRemote + "/*")}}); err != nil {
		return nil, err
	}
	rm, _ := r.repo.Remote(DefaultRemote)
	list := func() ([]*plumbing.Reference, error) {
		return rm.List(&git.ListOptions{Auth: acc.auth, CABundle: acc.caBundle, ProxyOptions: acc.proxy,
			// go-git's default gives up after 10 s, too short over a poor VPN;
			// a silent server is caught by the idle deadline (idleTimeout).
			Timeout: 600})
	}
	refs, err := list()
	if acc.askHelper(err) {
		refs, err = list()
	}
	if errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return r, r.setUpstream(plumbing.NewBranchReferenceName(branch), DefaultRemote)
	}
	if err != nil {
		return nil, acc.remoteError("clone", err)
	}
	var head plumbing.ReferenceName
	branches := map[plumbing.ReferenceName]plumbing.Hash{}
	var headHash plumbing.Hash
	for _, ref := range refs {
		switch {
		case ref.Name() == plumbing.HEAD && ref.Type() == plumbing.SymbolicReference:
			head = ref.Target()
		case ref.Name() == plumbing.HEAD:
			headHash = ref.Hash()
		case ref.Name().IsBranch():
			branches[ref.Name()] = ref.Hash()
		}
	}
	if head == "" {
		var names []string
		for n, h := range branches {
			if h == headHash {
				names = append(names, n.String())
			}
		}
		sort.Strings(names)
		for _, pref := range []string{"refs/heads/" + branch, "refs/heads/main", "refs/heads/master"} {
			if _, ok := branches[plumbing.ReferenceName(pref)]; ok && (headHash.IsZero() || branches[plumbing.ReferenceName(pref)] == headHash) {
				head = plumbing.ReferenceName(pref)
				break
			}
		}
		if head == "" && len(names) > 0 {
			head = plumbing.ReferenceName(names[0])
		}
	}
	if head == "" {
		return r, r.setUpstream(plumbing.NewBranchReferenceName(branch), DefaultRemote)
	}
	if _, err := r.fetch(DefaultRemote, opts.Getenv, opts.Progress); err != nil {
		return nil, err
	}
	hash, err := r.readRef(plumbing.NewRemoteReferenceName(DefaultRemote, head.Short()))
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(r.gitDir, "HEAD"), []byte("ref: "+head.String()+"\n"), 0o644); err != nil {
		return nil, err
	}
	if err := r.checkoutFresh(hash); err != nil {
		return nil, err
	}
	who := Signature{Name: "acct", Email: "acct@localhost", When: time.Now()}
	if err := r.updateRef(head, plumbing.ZeroHash, hash, who, "clone: from "+redactURL(u)); err != nil {
		return nil, err
	}
	return r, r.setUpstream(head, DefaultRemote)
}
