#!/bin/sh
# Creates the platform's topics (silo-config/kafka/topics.txt) on the compose Kafka; safe to run again.
set -eu
BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
TOPICS_FILE="${TOPICS_FILE:-/smeai/kafka/topics.txt}"
grep -v '^[[:space:]]*#' "$TOPICS_FILE" | while read -r topic partitions; do
  [ -n "$topic" ] || continue
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
