# Black-box cases for 'entente code'.
=== code -h
args: code -h
exit: 0
stdout-has: usage: entente code

=== code codes a sentence from standard input (JSONL contract fields)
args: code --date 2017-09-25
stdin: Moscow hosted joint military drills with India on August 13.
exit: 0
stdout-has: "kind":"event"
stdout-has: "source":"RUSGOV","target":"IND","code":"062"
stdout-has: "date":"2017-08-13"
stdout-has: "predicate_text":"hosted"
stdout-has: "rule":"verbs/06.txt:

=== code writes TSV with a header
args: code --format tsv --date 2017-09-25
stdin: Moscow hosted joint military drills with India on August 13.
exit: 0
stdout-has: doc	sent	date	source	target	code
stdout-has: RUSGOV	IND	062

=== code writes Phoenix-style TSV
args: code --format phoenix --date 2017-09-25
stdin: Moscow hosted joint military drills with India on August 13.
exit: 0
stdout-has: 20170813	RUS	GOV	IND		062

=== code -j 2 keeps input order
args: code -j 2 --input jsonl -q
stdin: {"id":"a","date":"2017-01-01","text":"China criticized Japan."}
stdin: {"id":"b","date":"2017-01-01","text":"Russia criticized Turkey."}
stdin: {"id":"c","date":"2017-01-01","text":"India criticized Pakistan."}
exit: 0
stdout-lines: 3

=== code bad dictionary directory exits 3
args: code --dict /no/such/dictionaries
stdin: China criticized Japan.
exit: 3
stderr-has: entente:

=== code unknown format
args: code --format xml
exit: 2
stderr-has: unknown format 'xml'

=== code bad -j
args: code -j 0
exit: 2
stderr-has: -j wants a number

=== code a bad JSONL record is reported and the batch goes on
args: code --input jsonl -q
stdin: {"id":"a","date":"2017-01-01","text":"China criticized Japan."}
stdin: {"id":"b","text": 7}
stdin: {"id":"c","date":"2017-01-01","text":"India criticized Pakistan."}
exit: 1
stdout-has: "doc":"a"
stdout-has: "doc":"c"
stderr-has: -:2

=== eval --gold with a missing file
args: eval --gold /no/such/gold.jsonl
exit: 1
stderr-has: cannot open /no/such/gold.jsonl
