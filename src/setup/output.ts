/** Where a set-up command writes: the terminal in the CLIs, a buffer in the tests. */
export interface Output {
  /** A line of the report (stdout). */
  line(text?: string): void;
  /** A line about the command itself going wrong (stderr). */
  error(text: string): void;
}

export const terminalOutput: Output = {
  line: (text = '') => void process.stdout.write(`${text}\n`),
  error: (text) => void process.stderr.write(`${text}\n`),
};
