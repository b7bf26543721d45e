/// The version `anslag --version` prints.
public enum AnslagVersion {
    public static let current = "0.2.0"
}
