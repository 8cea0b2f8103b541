'use strict';
// Registers an Avro schema in a Confluent-compatible schema registry with BOTH npm clients and
// prints the ids they got: {"subject":..,"confluentId":..,"kafkajsId":..,"kafkajsLatestId":..}.
// Registering the same schema twice under one subject must give the same id.

const fs = require('fs');
const { SchemaRegistryClient } = require('@confluentinc/schemaregistry');
const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
const { parseArgs, emit, run } = require('./lib');

const USAGE = 'node register.js --registry URL --subject SUBJECT --schema FILE.avsc';

run(async () => {
  const args = parseArgs(process.argv.slice(2), ['registry', 'subject', 'schema'], USAGE);
  const schema = fs.readFileSync(args.schema, 'utf8');

  const confluent = new SchemaRegistryClient({ baseURLs: [args.registry] });
  const confluentId = await confluent.register(args.subject, { schemaType: 'AVRO', schema });

  const kafkajs = new SchemaRegistry({ host: args.registry });
  const { id: kafkajsId } = await kafkajs.register(
    { type: SchemaType.AVRO, schema },
    { subject: args.subject },
  );
  const kafkajsLatestId = await kafkajs.getLatestSchemaId(args.subject);

  emit({ subject: args.subject, confluentId, kafkajsId, kafkajsLatestId });
});
