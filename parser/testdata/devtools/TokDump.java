import java.io.*;
import java.nio.file.*;
import java.nio.charset.StandardCharsets;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.log.NullLogChute;
import org.apache.velocity.runtime.parser.*;
import org.apache.velocity.runtime.parser.node.*;

public class TokDump {
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c == '\n') b.append("\\n");
            else if (c == '\r') b.append("\\r");
            else if (c == '\t') b.append("\\t");
            else if (c < 32) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
    static void dumpNode(Node n, int depth, StringBuilder sb) {
        sb.append(" (").append(n.getClass().getSimpleName().replace("AST", ""));
        for (int i = 0; i < n.jjtGetNumChildren(); i++) dumpNode(n.jjtGetChild(i), depth + 1, sb);
        sb.append(")");
    }
    public static void main(String[] args) throws Exception {
        RuntimeInstance ri = new RuntimeInstance();
        ri.setProperty("runtime.log.logsystem.class", NullLogChute.class.getName());
        ri.setProperty("velocimacro.permissions.allow.inline", "false");
        ri.setProperty("velocimacro.library", "");
        ri.setProperty("resource.loader", "string");
        ri.setProperty("string.resource.loader.class", "org.apache.velocity.runtime.resource.loader.StringResourceLoader");
        ri.init();
        ri.removeDirective("evaluate");
        boolean tree = System.getenv("TREE") != null;
        for (String f : args) {
            String text = new String(Files.readAllBytes(Paths.get(f)), StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            sb.append("{\"file\":").append(q(f));
            try {
                SimpleNode root = ri.createNewParser().parse(new StringReader(text), "template");
                try {
                    org.apache.velocity.Template tt = new org.apache.velocity.Template();
                    tt.setRuntimeServices(ri); tt.setName("template"); tt.setData(root); tt.initDocument();
                } catch (Throwable ie) {
                    String m = "INIT " + ie.getClass().getSimpleName() + ": " + ie.getMessage();
                    sb.append(",\"error\":").append(q(m.replaceAll("\\s*[\\r\\n]+\\s*", " "))).append("}");
                    System.out.println(sb);
                    continue;
                }
                sb.append(",\"tokens\":[");
                Token t = root.getFirstToken();
                boolean first = true;
                while (t != null) {
                    if (!first) sb.append(",");
                    first = false;
                    StringBuilder sp = new StringBuilder();
                    if (t.specialToken != null) {
                        Token s = t.specialToken;
                        while (s.specialToken != null) s = s.specialToken;
                        while (s != null && s != t) { sp.append(s.image); s = s.next; }
                    }
                    sb.append("[").append(t.kind).append(",").append(q(t.image)).append(",").append(q(sp.toString()))
                      .append(",").append(t.beginLine).append(",").append(t.beginColumn).append("]");
                    if (t.kind == 0) break;
                    t = t.next;
                }
                sb.append("]");
                if (tree) { StringBuilder tb = new StringBuilder(); dumpNode(root, 0, tb); sb.append(",\"tree\":").append(q(tb.toString().trim())); }
            } catch (Throwable e) {
                String m = e.getClass().getSimpleName() + ": " + e.getMessage();
                m = m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
                int cut = m.indexOf(" Was expecting"); if (cut > 0) m = m.substring(0, cut);
                sb.append(",\"error\":").append(q(m));
            }
            sb.append("}");
            System.out.println(sb);
        }
    }
}
