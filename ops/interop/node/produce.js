'use strict';
// Produces Avro records in the Confluent wire format with kafkajs. Input: a JSON-lines file, one
// {"key": str, "timestamp": epochMillis, "value": {...}} per line. Even lines are serialized by
// Confluent's AvroSerializer (@confluentinc/schemaregistry), odd lines by
// @kafkajs/confluent-schema-registry, both with the given registered schema id.
// Prints {"produced": n, "byConfluent": n, "byKafkajs": n, "bytes": total value bytes}.

const fs = require('fs');
const { SchemaRegistryClient, AvroSerializer, SerdeType } = require('@confluentinc/schemaregistry');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const { CompressionTypes } = require('kafkajs');
const { parseArgs, kafka, emit, run } = require('./lib');

const USAGE =
  'node produce.js --bootstrap HOST:PORT --registry URL --topic T --schema-id ID --records FILE.jsonl';

run(async () => {
  const args = parseArgs(
    process.argv.slice(2),
    ['bootstrap', 'registry', 'topic', 'schema-id', 'records'],
    USAGE,
  );
  const schemaId = Number.parseInt(args['schema-id'], 10);
  const lines = fs.readFileSync(args.records, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const records = lines.map((l) => JSON.parse(l));

  const confluent = new AvroSerializer(
    new SchemaRegistryClient({ baseURLs: [args.registry] }),
    SerdeType.VALUE,
    { useSchemaId: schemaId, autoRegisterSchemas: false },
  );
  const kafkajsRegistry = new SchemaRegistry({ host: args.registry });

  const messages = [];
  let bytes = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const value =
      i % 2 === 0
        ? await confluent.serialize(args.topic, r.value)
        : await kafkajsRegistry.encode(schemaId, r.value);
    bytes += value.length;
    messages.push({ key: r.key, value, timestamp: String(r.timestamp) });
  }

  const producer = kafka(args.bootstrap, 'latentwire-interop-producer').producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 500) {
      await producer.send({
        topic: args.topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: messages.slice(i, i + 500),
      });
    }
  } finally {
    await producer.disconnect();
  }
  emit({
    produced: messages.length,
    byConfluent: Math.ceil(messages.length / 2),
    byKafkajs: Math.floor(messages.length / 2),
    bytes,
  });
});
