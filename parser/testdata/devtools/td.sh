#!/bin/bash
# td.sh 'tmpl' ... : dump tokens of python-escaped templates
CP=/usr/share/java/velocity-1.7.jar:/usr/share/java/commons-collections3.jar:/usr/share/java/commons-lang.jar
d=$(mktemp -d /tmp/tokdump/c.XXXX); i=0; files=()
for t in "$@"; do printf '%s' "$(python3 -c 'import sys;sys.stdout.write(sys.argv[1].encode().decode("unicode_escape"))' "$t")" > $d/$i.vtl; files+=($d/$i.vtl); i=$((i+1)); done
java -cp /tmp/tokdump:$CP TokDump "${files[@]}"
rm -rf $d
