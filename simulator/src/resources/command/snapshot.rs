//! The diagnostic snapshot file: a gzipped tar archive (ustar), built here without a tar crate.

use flate2::write::GzEncoder;
use std::io::Write;

const BLOCK: usize = 512;

fn octal(field: &mut [u8], value: u64) {
    let width = field.len() - 1;
    let text = format!("{value:0width$o}");
    let bytes = text.as_bytes();
    let start = bytes.len().saturating_sub(width);
    for (slot, b) in field
        .iter_mut()
        .zip(bytes[start..].iter().chain(std::iter::once(&0u8)))
    {
        *slot = *b;
    }
}

fn header(name: &str, size: u64, mtime: u64) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    for (slot, b) in h[..100].iter_mut().zip(name.as_bytes()) {
        *slot = *b;
    }
    octal(&mut h[100..108], 0o644);
    octal(&mut h[108..116], 0);
    octal(&mut h[116..124], 0);
    octal(&mut h[124..136], size);
    octal(&mut h[136..148], mtime);
    h[148..156].copy_from_slice(b"        ");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    for (slot, b) in h[265..297].iter_mut().zip(b"pexip".iter()) {
        *slot = *b;
    }
    for (slot, b) in h[297..329].iter_mut().zip(b"pexip".iter()) {
        *slot = *b;
    }
    let sum: u64 = h.iter().map(|b| u64::from(*b)).sum();
    let text = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(text.as_bytes());
    h
}

/// A `.tgz` of `files` (name, contents), every file stamped with `mtime` (Unix seconds).
pub fn tar_gz(files: &[(String, Vec<u8>)], mtime: u64) -> std::io::Result<Vec<u8>> {
    let mut tar = Vec::new();
    for (name, data) in files {
        tar.extend_from_slice(&header(name, data.len() as u64, mtime));
        tar.extend_from_slice(data);
        let pad = (BLOCK - data.len() % BLOCK) % BLOCK;
        tar.extend(std::iter::repeat_n(0u8, pad));
    }
    tar.extend(std::iter::repeat_n(0u8, 2 * BLOCK));
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&tar)?;
    gz.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn headers_carry_name_size_and_a_valid_checksum() {
        let h = header("snapshot/info.txt", 1234, 1_700_000_000);
        assert!(h.starts_with(b"snapshot/info.txt\0"));
        assert_eq!(&h[124..136], b"00000002322\0");
        assert_eq!(&h[257..262], b"ustar");
        let mut blank = h;
        blank[148..156].copy_from_slice(b"        ");
        let sum: u64 = blank.iter().map(|b| u64::from(*b)).sum();
        let stored = std::str::from_utf8(&h[148..154]).unwrap();
        assert_eq!(u64::from_str_radix(stored, 8).unwrap(), sum);
    }

    #[test]
    fn the_archive_is_gzip_of_whole_blocks() {
        let out = tar_gz(&[("a.txt".into(), b"hello".to_vec())], 0).unwrap();
        let mut tar = Vec::new();
        flate2::read::GzDecoder::new(out.as_slice())
            .read_to_end(&mut tar)
            .unwrap();
        assert_eq!(tar.len(), 4 * BLOCK);
        assert_eq!(&tar[BLOCK..BLOCK + 5], b"hello");
    }
}
