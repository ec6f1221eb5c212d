# Black-box cases for 'entente parse' and 'entente eval --conllu'.
=== parse -h
args: parse -h
exit: 0
stdout-has: usage: entente parse

=== eval -h
args: eval -h
exit: 0
stdout-has: usage: entente eval --conllu

=== --help lists parse and eval
args: --help
exit: 0
stdout-has: parse
stdout-has: eval

=== parse bad option
args: parse --bogus
exit: 2
stderr-has: unknown option '--bogus'

=== parse missing model file is a model error
args: parse --model no/such/model.bin
stdin: Moscow opened up contacts with the Taliban.
exit: 3
stderr-has: entente: cannot open model no/such/model.bin

=== parse a file that is no model is a model error
args: parse --model Makefile
stdin: Moscow opened up contacts with the Taliban.
exit: 3
stderr-has: entente: bad model Makefile: not an entente parser model

=== parse raw text writes CoNLL-U with offsets
args: parse
stdin: Moscow opened up contacts with the Taliban.
exit: 0
stdout-has: # text = Moscow opened up contacts with the Taliban.
stdout-has: 1	Moscow	Moscow	PROPN	NNP	_	2	nsubj	_	TokenRange=0:6
stdout-has: 4	contacts	contact	NOUN	NNS	_	2	obj	_	TokenRange=17:25
stdout-has: 	0	root	_
stdout-has: SpaceAfter=No|TokenRange=35:42

=== parse conllu keeps tokens, comments and ranges
args: parse --input conllu tests/fixtures/parse/small.conllu
exit: 0
stdout-has: # sent_id = news1-2
stdout-has: 2-3	didn't	_	_	_	_	_	_	_	_
stdout-has: 3	n't	not	PART	RB	_	4	advmod	_	_
stdout-has: 1	Moscow	Moscow	PROPN	NNP	_	2	nsubj	_	_
stdout-lines: 21

=== parse conllu from the extension
args: parse tests/fixtures/parse/small.conllu
exit: 0
stdout-has: # newdoc id = news1

=== parse bad CoNLL-U: file:line and the batch goes on
args: parse --input conllu tests/fixtures/parse/bad.conllu tests/fixtures/parse/small.conllu
exit: 1
stderr-has: entente: tests/fixtures/parse/bad.conllu:7: expected 10 tab-separated fields
stdout-has: # sent_id = ok-1
stdout-has: # sent_id = ok-2
stdout-has: # sent_id = news1-2
stdout-lacks: # sent_id = broken

=== parse missing conllu file
args: parse --input conllu no/such/file.conllu
exit: 1
stderr-has: entente: cannot open no/such/file.conllu

=== eval a file against itself
args: eval --conllu tests/fixtures/parse/small.conllu tests/fixtures/parse/small.conllu
exit: 0
stdout-has: UPOS
stdout-has: 100.00    100.00    100.00
stdout-has: (13 gold words, 13 predicted words)

=== eval needs two files
args: eval --conllu tests/fixtures/parse/small.conllu
exit: 2
stderr-has: needs GOLD and PRED

=== eval unknown mode
args: eval --bogus a b
exit: 2
stderr-has: unknown mode '--bogus'

=== eval missing file
args: eval --conllu no/such.conllu tests/fixtures/parse/small.conllu
exit: 1
stderr-has: cannot open no/such.conllu
