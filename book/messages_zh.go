package book

import "github.com/acctbook/acct/msg"

// The Chinese versions of book's messages that reach the rep in a Chinese
// book (package msg); cmd's TestEveryMessageHasChinese checks them.
func init() {
	msg.Register("zh", map[string]string{
		"%s: %w; the book's files are untouched: rebuild git's index from the last commit with 'rm %s && git reset' (in the book's folder), then run the command again": "%s:%w;账本的文件没有受影响:在账本文件夹中运行 'rm %s && git reset',从上次提交重建 git 的索引,然后再运行这个命令",
		"invalid %s id %q: %v": "%s id %q 无效:%v",
		"it is empty (give a name with letters or digits, or --id)":         "它是空的(请给一个含字母或数字的名称,或用 --id)",
		"it is %d bytes long, at most %d are allowed; choose a shorter one": "它有 %d 字节,最多允许 %d 字节;请换一个短一些的",
		"it is not in Unicode NFC form":                                     "它不是 Unicode NFC 形式",
		"it contains a path separator":                                      "它含有路径分隔符",
		`it contains ".."`:                                                  `它含有 ".."`,
		`it starts with "."`:                                                `它以 "." 开头`,
		`it starts with "-" (it would read as an option)`:                   `它以 "-" 开头(会被当成选项)`,
		"it has no letter or digit":                                         "它没有字母或数字",
		"it ends with a dot or a space":                                     "它以点或空格结尾",
		`it contains one of < > : " | ? *`:                                  `它含有 < > : " | ? * 之一`,
		"it is not valid UTF-8":                                             "它不是有效的 UTF-8",
		"it contains a control character":                                   "它含有控制字符",
		"it is a name Windows reserves for a device":                        "它是 Windows 保留给设备的名称",

		// Commit messages acct writes (commitmsg.go): short, git style.
		"Update book":               "更新账本",
		"Update %s":                 "更新 %s",
		"Update %d accounts: %s":    "更新 %d 个客户: %s",
		", ":                        ",",
		"account":                   "客户档案",
		"contact %s":                "联系人 %s",
		"visit %s":                  "拜访纪要 %s",
		"purchases %s":              "采购 %s",
		"new %s":                    "新增 %s",
		"removed %s":                "删除 %s",
		"and %d more":               "等另外 %d 项",
		"added: %s":                 "新增: %s",
		"modified: %s":              "修改: %s",
		"deleted: %s":               "删除: %s",
		"Merge %s: %s":              "合并 %s: %s",
		"Merge %s: no file changes": "合并 %s: 没有文件改动",
		"the git repository at %s is damaged (%v): run 'git fsck' there to see what is broken; if it reports errors, clone the book again from the team's remote (acct clone URL) and copy over the files you changed since your last sync": "%s 的 git 仓库已损坏(%v):请在那里运行 'git fsck' 查看哪里坏了;如果它报告错误,请从团队的远程仓库重新克隆账本(acct clone URL),再把上次同步之后改过的文件复制过去",
		"Merge remote changes": "合并远程改动",
	})
}
