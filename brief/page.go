// Package brief renders the pages a rep reads or sends: the pre-visit brief
// of an account (issue 5: the eight dimensions condensed, the power map in
// short, key person cards, recent visits, next steps, signals and talking
// points) and the recap of a visit sent to the customer to confirm its
// consensus. Pages are built once as blocks and written as plain text (for
// WeChat: no Markdown syntax), Markdown, or a complete HTML document made
// with goldmark. The package takes loaded accounts and signals and knows
// nothing of Cobra, terminals or git.
package brief

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Page is a rendered-once document: a title and blocks, in one language
// (zh or en).
type Page struct {
	Title  string
	Lang   string
	Blocks []Block
}

// Block is one of Heading, Para or List.
type Block interface{ block() }

// Heading is a section heading; Level 1 is the page's own title.
type Heading struct {
	Level int
	Text  string
}

// Para is a paragraph of plain text (line breaks kept).
type Para struct{ Text string }

// List is a bulleted or numbered list.
type List struct {
	Ordered bool
	Items   []Item
}

// Item is a list item: an optional bold Label ("Industry") and its Text.
type Item struct{ Label, Text string }

func (Heading) block() {}
func (Para) block()    {}
func (List) block()    {}

// add appends blocks; headings and list items are kept on one line (a
// value from the book may hold line breaks).
func (p *Page) add(bs ...Block) {
	for _, b := range bs {
		switch x := b.(type) {
		case Heading:
			x.Text = oneLine(x.Text)
			b = x
		case List:
			items := make([]Item, len(x.Items))
			for i, it := range x.Items {
				items[i] = Item{Label: oneLine(it.Label), Text: oneLine(it.Text)}
			}
			x.Items = items
			b = x
		}
		p.Blocks = append(p.Blocks, b)
	}
}

// oneLine replaces line breaks (and the spaces around them) by one space.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return strings.Join(lines, " ")
}

func (p *Page) zh() bool { return p.Lang == "zh" }

// Markdown writes the page as CommonMark; text from the book is escaped so
// that it shows as typed.
func (p *Page) Markdown() string {
	var b strings.Builder
	for i, bl := range p.Blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		switch x := bl.(type) {
		case Heading:
			fmt.Fprintf(&b, "%s %s\n", strings.Repeat("#", x.Level), mdEscape(x.Text))
		case Para:
			lines := strings.Split(x.Text, "\n")
			for j, l := range lines {
				b.WriteString(mdEscape(l))
				if j < len(lines)-1 {
					b.WriteString("  ") // a hard line break
				}
				b.WriteString("\n")
			}
		case List:
			for j, it := range x.Items {
				marker := "-"
				if x.Ordered {
					marker = fmt.Sprintf("%d.", j+1)
				}
				text := mdEscape(it.Text)
				if it.Label != "" {
					sep := ": "
					if p.zh() {
						sep = ":"
					}
					text = "**" + mdEscape(it.Label) + "**" + sep + text
				}
				fmt.Fprintf(&b, "%s %s\n", marker, text)
			}
		}
	}
	return b.String()
}

// mdEscape backslash-escapes the characters CommonMark could read as
// markup, and a leading list or heading marker.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	out := b.String()
	// "1. text" or "- text" or "+ text" at the start would become a list.
	if t := strings.TrimLeft(out, " "); len(t) > 0 {
		i := 0
		for i < len(t) && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')') || (t[0] == '-' || t[0] == '+' || t[0] == '=') {
			k := len(out) - len(t) + i
			out = out[:k] + "\\" + out[k:]
		}
	}
	return out
}

// Text writes the page as plain text without Markdown syntax, for
// pasting into WeChat: headings as 【标题】 (zh) or underlined-free capitals
// (en), numbered items as 1、 (zh) or 1) (en), bullets as ·.
func (p *Page) Text() string {
	var b strings.Builder
	for i, bl := range p.Blocks {
		if _, after := p.Blocks[max(i-1, 0)].(Heading); i > 0 && !after {
			b.WriteString("\n")
		}
		switch x := bl.(type) {
		case Heading:
			switch {
			case x.Level == 1:
				b.WriteString(x.Text + "\n\n")
			case x.Level > 2:
				b.WriteString("■ " + x.Text + "\n")
			case p.zh():
				b.WriteString("【" + x.Text + "】\n")
			default:
				b.WriteString("[" + x.Text + "]\n")
			}
		case Para:
			b.WriteString(x.Text + "\n")
		case List:
			for j, it := range x.Items {
				marker := "· "
				if x.Ordered {
					if p.zh() {
						marker = fmt.Sprintf("%d、", j+1)
					} else {
						marker = fmt.Sprintf("%d) ", j+1)
					}
				}
				text := it.Text
				if it.Label != "" {
					if p.zh() {
						text = it.Label + ":" + text
					} else {
						text = it.Label + ": " + text
					}
				}
				b.WriteString(marker + text + "\n")
			}
		}
	}
	return b.String()
}

// htmlStyle keeps the email readable in clients that honour a <style>
// block; the content does not depend on it.
const htmlStyle = `body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Segoe UI",Arial,sans-serif;` +
	`font-size:15px;line-height:1.6;color:#222;max-width:720px;margin:24px auto;padding:0 16px}` +
	`h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:16px}`

// HTML writes the page as a complete, email-ready HTML document: the
// Markdown converted by goldmark (raw HTML in the book's text is escaped,
// never passed through), inside <html> with its language, charset and title.
func (p *Page) HTML() (string, error) {
	md := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	var body bytes.Buffer
	if err := md.Convert([]byte(p.Markdown()), &body); err != nil {
		return "", fmt.Errorf("rendering HTML: %w", err)
	}
	lang := "en"
	if p.zh() {
		lang = "zh-CN"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang)
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", html.EscapeString(p.Title), htmlStyle)
	b.Write(body.Bytes())
	b.WriteString("</body>\n</html>\n")
	return b.String(), nil
}

// Render writes the page in format: "text", "markdown" or "html".
func (p *Page) Render(format string) (string, error) {
	switch format {
	case "text":
		return p.Text(), nil
	case "markdown":
		return p.Markdown(), nil
	case "html":
		return p.HTML()
	}
	return "", fmt.Errorf("unknown format %q: want text, markdown or html", format)
}
