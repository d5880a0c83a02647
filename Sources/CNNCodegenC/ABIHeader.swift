/// The model ABI header, embedded in the compiler at build time so generated code and headers need
/// no file from the source tree. There is one copy: `Runtime/CModelABI/include/cnnc_abi.h`, which
/// the runtime's C module includes; `Resources/cnnc_abi.h` is a symbolic link to it that SwiftPM
/// embeds as bytes (`.embedInCode` in Package.swift).
public enum ABIHeader {
    /// The ABI version generated libraries declare (`CNNC_ABI_VERSION` in the header; a test keeps them equal).
    public static let version = 1
    /// The full text of `cnnc_abi.h` without its final newline (the generated files add their own).
    public static let text: String = {
        var text = String(decoding: PackageResources.cnnc_abi_h, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }()
}
