'use strict';
// Reads a topic of Confluent wire-format Avro records with a kafkajs consumer (read_committed,
// from the beginning) until --expect records have arrived, and decodes every value with BOTH npm
// registry clients. One JSON line per record:
// {"partition","offset","key","timestamp","size","schemaId","confluent":{...},"kafkajs":{...}}

const { SchemaRegistryClient, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const { parseArgs, kafka, emit, run } = require('./lib');

const USAGE =
  'node consume.js --bootstrap HOST:PORT --registry URL --topic T --expect N [--timeout-ms MS]';

run(async () => {
  const args = parseArgs(
    process.argv.slice(2),
    ['bootstrap', 'registry', 'topic', 'expect'],
    USAGE,
  );
  const expected = Number.parseInt(args.expect, 10);
  const timeoutMs = Number.parseInt(args['timeout-ms'] || '60000', 10);

  const confluent = new AvroDeserializer(
    new SchemaRegistryClient({ baseURLs: [args.registry] }),
    SerdeType.VALUE,
    {},
  );
  const kafkajsRegistry = new SchemaRegistry({ host: args.registry });

  const consumer = kafka(args.bootstrap, 'latentwire-interop-consumer').consumer({
    groupId: `latentwire-interop-${process.pid}-${Date.now()}`,
    readUncommitted: false,
  });
  const received = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: args.topic, fromBeginning: true });
    let done;
    let crashed;
    const allIn = new Promise((resolve, reject) => {
      done = resolve;
      crashed = reject;
    });
    // A consumer that crashes (e.g. a batch in a compression kafkajs cannot read: it has gzip
    // built in, zstd/snappy/lz4 need codec packages) fails the script at once, not at the timeout.
    consumer.on(consumer.events.CRASH, ({ payload }) => crashed(payload.error));
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, message });
        if (received.length >= expected) {
          done();
        }
      },
    });
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms with ${received.length} of ${expected} records`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([allIn, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await consumer.disconnect();
  }

  for (const { partition, message } of received) {
    const value = message.value;
    emit({
      partition,
      offset: Number(message.offset),
      key: message.key === null ? null : message.key.toString('utf8'),
      timestamp: Number(message.timestamp),
      size: value.length,
      schemaId: value.length >= 5 && value[0] === 0 ? value.readInt32BE(1) : null,
      confluent: await confluent.deserialize(args.topic, value),
      kafkajs: await kafkajsRegistry.decode(value),
    });
  }
});
