// Runs dynalite (argv[2] is its cli.js) and exits as soon as standard input closes, that is as
// soon as the JVM that started it is gone, even after a SIGKILL: local mode never leaves a
// DynamoDB server running behind.
const cli = process.argv[2];
process.argv.splice(2, 1);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
require(cli);
