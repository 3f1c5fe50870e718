package brief

import (
	"strings"
	"time"

	"github.com/acctbook/acct/check"
	"github.com/acctbook/acct/visit"
)

// Recap builds the message a rep sends after a visit (issue 5), in lang
// (zh or en): a greeting to the customer's attendees by name, thanks for
// the meeting, the consensus points, the next steps with owner and due
// date, and a request to confirm. The sender signs it: the first of our
// team, or the account owner. acc supplies the contact names and the
// account name; it may lack the profile.
func Recap(v *visit.Visit, acc *check.Account, lang string) *Page {
	p := &Page{Lang: lang}
	company := acc.ID
	owner := ""
	if acc.Profile != nil {
		company = acc.Profile.DisplayName()
		owner = acc.Profile.Owner
	}
	p.Title = tr(lang, "拜访纪要:"+company+" "+isoDate(v.Date), "Visit recap: "+company+" "+isoDate(v.Date))
	var names []string
	for _, id := range v.Attendees {
		if c := acc.Contact(id); c != nil {
			names = append(names, c.DisplayName())
		} else {
			names = append(names, id)
		}
	}
	ref := v.Date
	when := longDate(lang, v.Date, ref)
	if lang == "zh" {
		greet := "您好!"
		if len(names) > 1 {
			greet = "各位好!"
		}
		if len(names) > 0 {
			greet = join(lang, names) + "," + greet
		}
		p.add(Para{greet})
		you := "您"
		if len(names) > 1 {
			you = "各位"
		}
		thanks := "感谢" + you + when + "抽出时间和我们见面"
		if v.Purpose != "" {
			thanks += "(" + v.Purpose + ")"
		}
		p.add(Para{thanks + "。现把会上达成的共识和下一步整理如下,请" + you + "确认。"})
	} else {
		greet := "Hello,"
		if len(names) > 0 {
			greet = "Dear " + andList(names) + ","
		}
		p.add(Para{greet})
		thanks := "Thank you for taking the time to meet us"
		if when != "" {
			thanks += " on " + when
		}
		if v.Purpose != "" {
			thanks += " (" + v.Purpose + ")"
		}
		p.add(Para{thanks + ". Below are the points we agreed and the next steps; please confirm them."})
	}

	p.add(Heading{2, tr(lang, "共识", "What we agreed")})
	if len(v.Consensus) == 0 {
		p.add(Para{tr(lang, "(本次拜访没有记录共识)", "(no consensus recorded for this visit)")})
	} else {
		var items []Item
		for _, c := range v.Consensus {
			items = append(items, Item{Text: c})
		}
		p.add(List{Ordered: true, Items: items})
	}

	if len(v.NextSteps) > 0 {
		p.add(Heading{2, tr(lang, "下一步", "Next steps")})
		var items []Item
		for _, s := range v.NextSteps {
			items = append(items, Item{Text: stepText(lang, s, ref)})
		}
		p.add(List{Ordered: true, Items: items})
	}

	if lang == "zh" {
		p.add(Para{"如无异议,请回复\"确认\";如有出入,请直接指出,我们马上修改。谢谢!"})
	} else {
		p.add(Para{"If this matches your understanding, please reply \"confirmed\"; if anything is off, tell us and we will correct it. Thank you!"})
	}
	sender := owner
	if len(v.Team) > 0 {
		sender = v.Team[0]
	}
	if sender != "" {
		p.add(Para{sender})
	}
	return p
}

// stepText is a next step with its owner and due date:
// "提交 JIT 方案(李明,3月15日前)" / "Submit the plan (Li Ming, by March 15)".
func stepText(lang string, s visit.Step, ref time.Time) string {
	var who []string
	if s.Owner != "" {
		who = append(who, s.Owner)
	}
	if !s.Due.IsZero() {
		who = append(who, tr(lang, longDate(lang, s.Due, ref)+"前", "by "+longDate(lang, s.Due, ref)))
	}
	text := s.Action
	if len(who) > 0 {
		if lang == "zh" {
			text += "(" + strings.Join(who, ",") + ")"
		} else {
			text += " (" + strings.Join(who, ", ") + ")"
		}
	}
	if s.Done {
		text += tr(lang, " ✓ 已完成", " ✓ done")
	}
	return text
}

// andList joins English names: "A", "A and B", "A, B and C".
func andList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
