import java.nio.file.Files;
import java.nio.file.Path;

/** Prints the file named by args[0]. */
public class ReadFile {
    public static void main(String[] args) throws Exception {
        System.out.println(Files.readString(Path.of(args[0])));
    }
}
