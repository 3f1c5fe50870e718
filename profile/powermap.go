package profile

import "sort"

// ReportsToCycles returns every cycle in the reports_to links among the
// contacts of one account (FORMAT.md section 8, rule cycle), each as the
// contact ids along the cycle starting at its smallest id. Links to ids not
// among the contacts are ignored here (they are reference errors).
func ReportsToCycles(contacts []*Contact) [][]string {
	boss := map[string]string{}
	for _, c := range contacts {
		if c.ReportsTo != "" {
			boss[c.ID] = c.ReportsTo
		}
	}
	ids := make([]string, 0, len(boss))
	for id := range boss {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	done := map[string]bool{}
	var cycles [][]string
	for _, start := range ids {
		if done[start] {
			continue
		}
		pos := map[string]int{}
		var path []string
		for id := start; id != ""; id = boss[id] {
			if done[id] {
				break
			}
			if i, ok := pos[id]; ok {
				cyc := append([]string(nil), path[i:]...)
				// rotate to start at the smallest id, for a stable report
				m := 0
				for j := range cyc {
					if cyc[j] < cyc[m] {
						m = j
					}
				}
				cycles = append(cycles, append(cyc[m:], cyc[:m]...))
				break
			}
			pos[id] = len(path)
			path = append(path, id)
		}
		for _, id := range path {
			done[id] = true
		}
	}
	return cycles
}
