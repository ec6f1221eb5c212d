# Black-box cases for 'entente dict'.
=== dict -h
args: dict -h
exit: 0
stdout-has: usage: entente dict <command>
stdout-has: lookup TEXT

=== dict without a command is a usage error
args: dict
exit: 2
stderr-has: usage: entente dict

=== dict unknown command
args: dict frob
exit: 2
stderr-has: entente: dict: unknown command 'frob'

=== dict is in the command table
args: --help
exit: 0
stdout-has: dict

=== dict check -h
args: dict check -h
exit: 0
stdout-has: usage: entente dict check

=== dict lookup -h
args: dict lookup -h
exit: 0
stdout-has: usage: entente dict lookup

=== dict stats -h
args: dict stats -h
exit: 0
stdout-has: usage: entente dict stats

=== dict match -h
args: dict match -h
exit: 0
stdout-has: usage: entente dict match

=== dict check of the built-in dictionaries passes
args: dict check
exit: 0
stdout-has: data/dict/cameo.txt
stdout-has: 0 lines could not be used

=== dict check of an entente directory
args: dict check tests/fixtures/dict/own
exit: 0
stdout-has: tests/fixtures/dict/own/people.txt
stdout-has: actors
stdout-has: tests/fixtures/dict/own/verbs/04.txt
stdout-has: 0 lines could not be used

=== dict check detects PETRARCH files
args: dict check tests/fixtures/dict/petr
exit: 0
stdout-has: petrarch-verbs
stdout-has: petrarch-actors
stdout-has: petrarch-agents
stdout-has: petrarch-discards
stdout-has: petrarch-issues
stdout-has: 0 lines could not be used, 0 warnings, 0 unsupported

=== dict check reports bad lines with file:line and exits 3
args: dict check --format actors tests/fixtures/dict/bad/actors.txt
exit: 3
stderr-has: entente: tests/fixtures/dict/bad/actors.txt:7: bad date '2017-13-01'
stderr-has: entente: tests/fixtures/dict/bad/actors.txt:4: bad actor code 'Rus'
stdout-has: 10 lines could not be used

=== dict check PETRARCH verbs with errors
args: dict check --format petrarch-verbs tests/fixtures/dict/bad/petr-verbs.txt
exit: 3
stderr-has: petr-verbs.txt:11: cannot read pattern
stderr-has: petr-verbs.txt:14: undefined synset &NOSUCH

=== dict check -e shows errors only
args: dict check -e --format petrarch-verbs tests/fixtures/dict/bad/petr-verbs.txt
exit: 3
stderr-lacks: unsupported
stderr-has: cannot read pattern

=== dict check -q prints totals only
args: dict check -q tests/fixtures/dict/own
exit: 0
stdout-lacks: people.txt
stdout-has: countries

=== dict check of a missing directory
args: dict check no/such/dir
exit: 3
stderr-has: entente: cannot open no/such/dir

=== dict check of a directory without dictionaries
args: dict check tests/cli
exit: 3
stderr-has: no dictionary files in tests/cli

=== dict check with an unknown format
args: dict check --format yaml x.txt
exit: 2
stderr-has: unknown dictionary format 'yaml'

=== dict check with a bad option
args: dict check --bogus
exit: 2
stderr-has: unknown option '--bogus'

=== dict check of several directories
args: dict check tests/fixtures/dict/own tests/fixtures/dict/petr
exit: 0
stdout-has: == tests/fixtures/dict/own
stdout-has: == tests/fixtures/dict/petr

=== dict lookup resolves a person at the date
args: dict lookup --dict tests/fixtures/dict/own --date 2017-09-25 "Putin visited Pakistan"
exit: 0
stdout-has: 0-1	Putin	actor	RUSGOV	head_of_state 2012-05-07..
stdout-has: people.txt:4
stdout-has: 1-2	visited	verb	042
stdout-has: 2-3	Pakistan	actor	PAK	name default

=== dict lookup at another date
args: dict lookup --dict tests/fixtures/dict/own --date 2010-01-01 Putin
exit: 0
stdout-has: head_of_government 2008-05-08..2012-05-06

=== dict lookup out of office gives nothing
args: dict lookup --dict tests/fixtures/dict/own --date 1990-01-01 Putin
exit: 0
stdout-has: no dictionary phrases

=== dict lookup marks inner matches and lists patterns
args: dict lookup --dict tests/fixtures/dict/own --patterns the Kremlin hosted
exit: 0
stdout-has: 0-2	the Kremlin	actor	RUSGOV
stdout-has: 1-2	Kremlin	actor inner
stdout-has: pattern 043	host X

=== dict lookup on PETRARCH dictionaries
args: dict lookup --dict tests/fixtures/dict/petr --date 2005-01-01 King Atlas toured Mu
exit: 0
stdout-has: King Atlas	actor	ATLGOV	actor 2001-01-01..2010-12-31
stdout-has: toured	verb	042	VISIT
stdout-has: Mu	actor	MUUGOV

=== dict lookup without text
args: dict lookup --dict tests/fixtures/dict/own
exit: 2
stderr-has: no TEXT

=== dict lookup with a bad date
args: dict lookup --date 2017-02-30 Putin
exit: 2
stderr-has: --date

=== dict lookup with a missing dictionary
args: dict lookup --dict no/such/dir Putin
exit: 3
stderr-has: entente: cannot open no/such/dir

=== dict lookup with a dictionary that has bad lines warns and goes on
args: dict lookup --dict tests/fixtures/dict/bad/actors.txt Russia
exit: 0
stderr-has: dictionary lines could not be used
stdout-has: Russia	actor	RUS

=== dict stats counts by kind
args: dict stats --dict tests/fixtures/dict/own
exit: 0
stdout-has: countries      6
stdout-has: people         4
stdout-has: roles          4
stdout-has: organisations  5
stdout-has: patterns/root  01:0 02:0 03:0 04:17
stdout-has: discards       2
stdout-has: synsets        4

=== dict stats --time
args: dict stats --time --dict tests/fixtures/dict/petr
exit: 0
stdout-has: load time

=== dict stats with a bad argument
args: dict stats --frob
exit: 2
stderr-has: unknown argument '--frob'

=== dict match prints the phrases of each sentence
args: dict match --dict tests/fixtures/dict/own --date 2017-09-25
stdin: Putin visited Pakistan. Nothing here. The Kremlin hosted India.
exit: 0
stdout-lines: 2
stdout-has: "sent":0
stdout-has: "text":"Putin","kind":"actor","code":"RUSGOV"
stdout-has: "sent":2
stdout-has: "text":"Kremlin","kind":"actor","code":"RUSGOV","inner":true

=== dict match --count
args: dict match --count --dict tests/fixtures/dict/own
stdin: Putin visited Pakistan. Nothing here.
exit: 0
stdout-lines: 0
stderr-has: 2 sentences
stderr-has: sentences/s
