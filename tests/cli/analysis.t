# Black-box cases for the analysis commands, on a small store with one
# balanced triangle: RUS cooperates with IND and PAK, IND and PAK clash.
=== analysis: build the store
args: ingest -q --db @TMP@/analysis.db tests/fixtures/analysis/events.jsonl
exit: 0

=== dyad RUS PAK by month
args: dyad --db @TMP@/analysis.db RUS PAK
exit: 0
stdout-has: RUS-PAK by month (4 events)
stdout-has: 2017-01

=== dyad as CSV loads in R and pandas
args: dyad --db @TMP@/analysis.db RUS IND --format csv --by year
exit: 0
stdout-has: period,start,end,events
stdout-lines: 2

=== dyad needs two actors
args: dyad --db @TMP@/analysis.db RUS
exit: 2
stderr-has: dyad needs two actors

=== network
args: network --db @TMP@/analysis.db
exit: 0
stdout-has: 3 actors, 3 edges (1 negative)

=== network as Graphviz DOT
args: network --db @TMP@/analysis.db --format dot
exit: 0
stdout-has: graph entente
stdout-has: color=red

=== balance finds the balancer
args: balance --db @TMP@/analysis.db
exit: 0
stdout-has: RUS balances IND and PAK
stdout-has: frustration index: 1
stdout-has: IND>PAK 111: criticized

=== balance as JSON
args: balance --db @TMP@/analysis.db --format json
exit: 0
stdout-has: "apex":"RUS"

=== explain shows the evidence
args: explain --db @TMP@/analysis.db IND PAK
exit: 0
stdout-has: IND>PAK  111
stdout-has: India criticized Pakistan.

=== pivots
args: pivots --db @TMP@/analysis.db RUS IND
exit: 0
stdout-has: RUS-IND: 4 events

=== a bad date is a usage error
args: dyad --db @TMP@/analysis.db RUS IND --from 2017-13-01
exit: 2
stderr-has: bad date

=== a file that is no store
args: network --db tests/cli/analysis.t
exit: 3
stderr-has: not an entente store

=== explain names a falling relation 'down'
args: ingest -q --db @TMP@/trend.db -
stdin: {"kind":"relation","doc":"t0","sent":0,"sentence":"Russo-American relations plummeted.","date":"2017-03-01","a":"RUS","b":"USA","polarity":1,"trend":"down","text":"relations","rule":"fixture"}
exit: 0

=== explain shows the trend
args: explain --db @TMP@/trend.db RUS USA
exit: 0
stdout-has: RUS~USA  relation +1 down
