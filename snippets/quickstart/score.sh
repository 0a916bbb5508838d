#!/usr/bin/env bash
# Send the ten digit images to each model: every reply is HTTP 200, but are the answers right?
source snippets/setup/env.sh
for model in mnist mnist_no_weights; do
  ok=0 right=0
  for d in 0 1 2 3 4 5 6 7 8 9; do
    reply=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $INFERENCE_KEY" \
      -T snippets/quickstart/digits/$d.png "$TS_INFERENCE/predictions/$model")
    [ "${reply##*$'\n'}" = 200 ] && ok=$((ok + 1))
    answer=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["digit"])' "${reply%$'\n'*}")
    [ "$answer" = "$d" ] && right=$((right + 1))
  done
  printf '%-17s HTTP 200: %2d/10   all ten read right: %s\n' "$model" "$ok" \
    "$([ $right = 10 ] && echo yes || echo no)"
done
