'use strict';
// Shared helpers of the interop scripts. Everything a script reports goes to stdout as JSON
// lines; logs and errors go to stderr, so the Java test can parse stdout as it is.

const { Kafka, logLevel } = require('kafkajs');

/** Parses `--name value` pairs; exits with a usage message when a required one is missing. */
function parseArgs(argv, required, usage) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (!name.startsWith('--') || i + 1 >= argv.length) {
      fail(`bad argument '${name}'; usage: ${usage}`);
    }
    args[name.slice(2)] = argv[i + 1];
  }
  for (const r of required) {
    if (args[r] === undefined) {
      fail(`missing --${r}; usage: ${usage}`);
    }
  }
  return args;
}

function fail(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

/** kafkajs logs to stdout by default: send its warnings and errors to stderr instead. */
function kafka(bootstrap, clientId) {
  return new Kafka({
    clientId,
    brokers: bootstrap.split(','),
    logLevel: logLevel.WARN,
    logCreator: () => ({ namespace, level, label, log }) => {
      const { message, ...extra } = log;
      process.stderr.write(`[kafkajs ${label} ${namespace}] ${message} ${JSON.stringify(extra)}\n`);
    },
    retry: { retries: 8 },
  });
}

/** Prints one JSON line on stdout. */
function emit(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

/** Runs main, turning any failure into one line on stderr and exit code 1. */
function run(main) {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`error: ${err && err.stack ? err.stack : err}\n`);
      process.exit(1);
    },
  );
}

module.exports = { parseArgs, fail, kafka, emit, run };
