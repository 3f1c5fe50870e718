package book

import (
	"crypto"
	"crypto/sha1"

	"github.com/go-git/go-git/v5/plumbing/hash"
)

// go-git hashes with SHA-1 collision detection (sha1cd) by default, which
// took 44% of `acct log ACCOUNT` on a 10,000-account book (every object
// rebuilt from a delta is re-hashed). The standard library's SHA-1 gives
// the same hashes about twice as fast. Collision detection guards against
// crafted SHAttered-style objects; a team's book of business shared among
// its own reps is not that threat, and the git CLI on the remote still
// checks what is pushed (transfer.fsckObjects where configured).
func init() {
	if err := hash.RegisterHash(crypto.SHA1, sha1.New); err != nil {
		panic(err)
	}
}
