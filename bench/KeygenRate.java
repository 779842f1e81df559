import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The machine's raw RSA-2048 key generation rate, on every core: java KeygenRate.java <seconds>. */
public class KeygenRate {
    public static void main(String[] args) throws Exception {
        long millis = (long) (Double.parseDouble(args[0]) * 1000);
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicLong made = new AtomicLong();
        long warmUntil = System.currentTimeMillis() + Math.min(2000, millis / 4);
        long start = warmUntil;
        long end = start + millis;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), new SecureRandom());
                    long now;
                    while ((now = System.currentTimeMillis()) < end) {
                        generator.generateKeyPair();
                        if (now >= start && System.currentTimeMillis() < end) {
                            made.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("KEYGEN rate=%.1f threads=%d%n", made.get() * 1000.0 / millis, threads);
    }
}
