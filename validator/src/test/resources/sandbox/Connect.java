import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens a TCP connection to args[0]:args[1] and says whether it got one. */
public class Connect {
    public static void main(String[] args) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 3000);
            System.out.println("CONNECTED");
        }
    }
}
