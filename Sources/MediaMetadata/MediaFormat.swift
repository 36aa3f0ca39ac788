import BinaryParsing

/// A file format vestige reads, with exiftool's FileType and MIMEType names.
public enum MediaFormat: String, Sendable, CaseIterable {
    case jpeg = "JPEG"
    case tiff = "TIFF"
    /// BigTIFF (`II+\0` / `MM\0+`): TIFF with 64-bit offsets; exiftool's FileType "BTF".
    case bigTIFF = "BTF"
    case dng = "DNG"
    case nef = "NEF"
    case arw = "ARW"
    case cr2 = "CR2"
    case orf = "ORF"
    case rw2 = "RW2"
    case png = "PNG"
    case webp = "WEBP"
    case heic = "HEIC"
    case heif = "HEIF"
    case avif = "AVIF"
    case mp4 = "MP4"
    case m4v = "M4V"
    case mov = "MOV"
    case threeGP = "3GP"
    case threeG2 = "3G2"

    /// exiftool's FileType value ("Extended WEBP" is decided by the WebP parser).
    public var fileType: String { rawValue }

    /// exiftool's MIMEType value.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .tiff: "image/tiff"
        case .bigTIFF: "image/x-tiff-big"
        case .dng: "image/x-adobe-dng"
        case .nef: "image/x-nikon-nef"
        case .arw: "image/x-sony-arw"
        case .cr2: "image/x-canon-cr2"
        case .orf: "image/x-olympus-orf"
        case .rw2: "image/x-panasonic-rw2"
        case .png: "image/png"
        case .webp: "image/webp"
        case .heic: "image/heic"
        case .heif: "image/heif"
        case .avif: "image/avif"
        case .mp4: "video/mp4"
        case .m4v: "video/x-m4v"
        case .mov: "video/quicktime"
        case .threeGP: "video/3gpp"
        case .threeG2: "video/3gpp2"
        }
    }

    /// The file name extensions (lower case, without the dot) of files in this format: the ones
    /// `vestige extract` reads when it walks a folder. BigTIFF files carry TIFF's.
    public var fileExtensions: [String] {
        switch self {
        case .jpeg: ["jpg", "jpeg", "jpe"]
        case .tiff: ["tif", "tiff"]
        case .bigTIFF: []
        case .dng: ["dng"]
        case .nef: ["nef", "nrw"]
        case .arw: ["arw"]
        case .cr2: ["cr2"]
        case .orf: ["orf"]
        case .rw2: ["rw2"]
        case .png: ["png"]
        case .webp: ["webp"]
        case .heic: ["heic"]
        case .heif: ["heif", "hif"]
        case .avif: ["avif"]
        case .mp4: ["mp4"]
        case .m4v: ["m4v"]
        case .mov: ["mov", "qt"]
        case .threeGP: ["3gp", "3gpp"]
        case .threeG2: ["3g2"]
        }
    }

    /// True for the ISO base media family (QuickTime, MP4, 3GP, HEIF).
    public var isISOBaseMedia: Bool {
        switch self {
        case .heic, .heif, .avif, .mp4, .m4v, .mov, .threeGP, .threeG2: true
        default: false
        }
    }

    /// True for TIFF and the raw formats built on TIFF.
    public var isTIFFBased: Bool {
        switch self {
        case .tiff, .bigTIFF, .dng, .nef, .arw, .cr2, .orf, .rw2: true
        default: false
        }
    }

    /// Recognises a format from the first bytes of a file (at least 32 are best) and, for raw
    /// formats that share TIFF's header, the file name's extension.
    public static func detect(header: [UInt8], fileExtension: String? = nil) -> MediaFormat? {
        let reader = ByteReader(header)
        func matches(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            reader.slice(at: offset, count: prefix.count).map { $0.elementsEqual(prefix) } ?? false
        }
        if matches([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if matches(Array("RIFF".utf8)) && matches(Array("WEBP".utf8), at: 8) { return .webp }
        if matches([0x49, 0x49, 0x52, 0x4F]) || matches([0x49, 0x49, 0x52, 0x53]) { return .orf }
        if matches([0x49, 0x49, 0x55, 0x00]) { return .rw2 }
        if matches([0x49, 0x49, 0x2B, 0x00]) || matches([0x4D, 0x4D, 0x00, 0x2B]) { return .bigTIFF }
        if matches([0x49, 0x49, 0x2A, 0x00]) || matches([0x4D, 0x4D, 0x00, 0x2A]) {
            if matches([0x43, 0x52], at: 8) { return .cr2 }
            switch fileExtension?.lowercased() {
            case "dng": return .dng
            case "nef", "nrw": return .nef
            case "arw", "srf", "sr2": return .arw
            default: return .tiff
            }
        }
        if matches(Array("ftyp".utf8), at: 4) {
            let brand = String(decoding: reader.slice(at: 8, count: 4) ?? [], as: UTF8.self)
            return isoFormat(forBrand: brand)
        }
        // QuickTime files from old cameras may start without `ftyp`.
        for type in ["moov", "mdat", "wide", "free", "skip", "pnot"] where matches(Array(type.utf8), at: 4) {
            return .mov
        }
        return nil
    }

    /// The format named by an ISO-BMFF major brand, as exiftool maps it.
    static func isoFormat(forBrand brand: String) -> MediaFormat {
        switch brand {
        case "qt  ": .mov
        case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs": .heic
        // exiftool calls a file whose major brand is only the generic image brand "HEIF".
        case "mif1", "msf1": .heif
        case "avif", "avis": .avif
        case "M4V ", "M4VH", "M4VP": .m4v
        case _ where brand.hasPrefix("3g2"): .threeG2
        case _ where brand.hasPrefix("3gp") || brand.hasPrefix("3ge") || brand.hasPrefix("3gg"): .threeGP
        default: .mp4
        }
    }
}
