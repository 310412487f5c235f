// Replaced by the relay host (issue: events on Kafka).
