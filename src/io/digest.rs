//! SHA-256 of input files, for the record of a run (`run.json`).

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// The SHA-256 of the file's bytes, as 64 lowercase hexadecimal digits (what `sha256sum`
/// prints). Read in blocks, so a cost matrix of hundreds of MB is never held twice.
pub fn sha256_of_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// Bytes as lowercase hexadecimal digits.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&[u8], &str); 2] = [
            (
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (i, (bytes, digest)) in cases.into_iter().enumerate() {
            let path = dir.path().join(format!("{i}.txt"));
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(sha256_of_file(&path).unwrap(), digest);
        }
    }

    #[test]
    fn a_missing_file_is_an_error() {
        assert!(sha256_of_file(Path::new("/nonexistent/dormplan/file")).is_err());
    }
}
