use std::process::ExitCode;

fn main() -> ExitCode {
    pathwise::cli::main()
}
