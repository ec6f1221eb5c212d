# Black-box cases for 'entente ingest'.
=== ingest -h
args: ingest -h
exit: 0
stdout-has: usage: entente ingest

=== ingest bad option
args: ingest --frob
exit: 2
stderr-has: unknown option '--frob'

=== ingest events from standard input, bad lines reported with file:line
args: ingest --db @TMP@/ingest.db
stdin: {"kind":"event","doc":"x1","sent":0,"sentence":"Russia met Pakistan.","date":"2017-09-25","source":"RUSGOV","target":"PAK","code":"040","root":"04","quad":1,"goldstein":1.0,"plover":"CONSULT","modality":"asserted","source_text":"Russia","target_text":"Pakistan","predicate_text":"met","rule":"t"}
stdin: {"kind":"event","doc":"x1","sent":1, broken
stdin: {"kind":"relation","doc":"x1","sent":1,"sentence":"Ties cooled.","date":"2017-09-25","a":"IND","b":"RUS","polarity":1,"trend":"down","text":"cooled","rule":"t"}
stdin: {"kind":"event","doc":"x2","sent":0,"date":"2017-02-31","source":"A","code":"040"}
exit: 1
stderr-has: bad JSON
stderr-has: -:2
stderr-has: bad date '2017-02-31': -:4
stderr-has: 1 events, 1 relations

=== ingest refuses a file that is not a store
args: ingest --db tests/cli/ingest.t /dev/null
exit: 3
stderr-has: not an entente store

=== ingest codes documents on the way
args: ingest --db @TMP@/ingest-docs.db examples/2016-12-27-moscow-talks.txt
exit: 0
stderr-has: 1 documents

=== ingest a second copy of a story stores it once
args: ingest --db @TMP@/ingest-docs.db tests/fixtures/copy-of-talks.txt
exit: 0
stderr-has: 1 documents were duplicates

=== ingest documents with a bad dictionary exits 3
args: ingest --db @TMP@/ingest-docs.db --dict /no/such/dir examples/2016-09-24-druzhba.txt
exit: 3
stderr-has: /no/such/dir

=== ingest --rebuild recomputes the aggregates of a store
args: ingest --rebuild --db @TMP@/ingest.db
exit: 0
stderr-has: 1 events, 1 relations

=== ingest: a document's lines may come apart; a sentence index past the limit is a bad line
args: ingest --db @TMP@/ingest-apart.db
stdin: {"kind":"event","doc":"x","sent":0,"sentence":"A.","date":"2017-01-02","source":"RUS","target":"PAK","code":"042","quad":1,"goldstein":1.9}
stdin: {"kind":"event","doc":"y","sent":0,"sentence":"B.","date":"2017-01-03","source":"IND","target":"PAK","code":"042","quad":1,"goldstein":1.9}
stdin: {"kind":"event","doc":"x","sent":1,"sentence":"C.","date":"2017-01-04","source":"RUS","target":"PAK","code":"112","quad":3,"goldstein":-2.0}
stdin: {"kind":"event","doc":"x","sent":2000000,"date":"2017-01-04","source":"RUS","target":"PAK","code":"112"}
exit: 1
stderr-has: beyond the store's limit
stderr-has: -:4
stderr-has: 2 documents (0 duplicates), 3 events

=== dyad counts both lines of the document that came apart
args: dyad --db @TMP@/ingest-apart.db RUS PAK --by year --format csv
exit: 0
stdout-has: 2017,2017-01-02,2017-01-04,2,1,0,1,0,1.90,2.00,-0.10
