# Black-box cases for 'entente segment' and the command table.
=== no command is a usage error
args:
exit: 2
stderr-has: usage: entente

=== --help lists commands
args: --help
exit: 0
stdout-has: segment

=== unknown command
args: frobnicate
exit: 2
stderr-has: entente: unknown command 'frobnicate'

=== segment -h
args: segment -h
exit: 0
stdout-has: usage: entente segment

=== segment reads standard input as text
args: segment --format tsv
stdin: Russia and Pakistan held talks. The U.S. objected.
exit: 0
stdout-lines: 3
stdout-has: Russia and Pakistan held talks.
stdout-has: The U.S. objected.

=== segment missing file reports and fails
args: segment no/such/file.txt
exit: 1
stderr-has: entente: cannot open no/such/file.txt

=== segment bad option
args: segment --bogus
exit: 2
stderr-has: unknown option '--bogus'

=== segment bad format
args: segment --format yaml
exit: 2
stderr-has: unknown format 'yaml'

=== segment bad date
args: segment --date 2017-13-45
exit: 2
stderr-has: bad date

=== jsonl: a bad record is reported with file:line and the rest go on
args: segment --format tsv --input jsonl
stdin: {"id": "a", "date": "2017-09-25", "text": "Russia met Pakistan."}
stdin: {"id": "b", "text": broken}
stdin: {"id": "c", "date": "2017-99-01", "text": "Bad date."}
stdin: {"id": "d", "text": "India met China."}
exit: 1
stdout-has: Russia met Pakistan.
stdout-has: India met China.
stderr-has: bad JSON
stderr-has: -:2
stderr-has: bad date '2017-99-01'
stderr-has: -:3

=== conllu output has offsets
args: segment --format conllu
stdin: Moscow didn't agree.
exit: 0
stdout-has: # text = Moscow didn't agree.
stdout-has: 2	did	_
stdout-has: 3	n't	_
stdout-has: TokenRange=0:6
