"""Prints what `warden run` emitted in the demo as decision lines (the shape of `warden eval`'s
decisions.jsonl): commands and alerts as they are, verdicts unwrapped from their signed
envelope. Usage: demo-topics.py BOOTSTRAP"""
import json
import sys

from confluent_kafka import Consumer, TopicPartition


def read_all(bootstrap, topic):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "warden-demo-reader",
                         "enable.auto.commit": False, "enable.partition.eof": True})
    partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
    remaining, values = set(partitions), []
    while remaining:
        message = consumer.poll(5)
        if message is None:
            break
        if message.error():
            remaining.discard(message.partition())
            continue
        values.append(message.value())
    consumer.close()
    return values


def main(bootstrap):
    for value in read_all(bootstrap, "warden.verdicts"):
        print(json.dumps(json.loads(value)["verdict"]))
    for topic in ("warden.commands", "warden.alerts"):
        for value in read_all(bootstrap, topic):
            print(value.decode())


if __name__ == "__main__":
    main(sys.argv[1])
