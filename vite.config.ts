import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web UI: built into dist/web, which the kpo server serves; in development it proxies /api to the server. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than kpo: separate chunks stay cached across releases. Every chunk
        // stays under Vite's 500 kB warning; `npm run build` must print no size warning.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            {
              name: 'mantine',
              test: /node_modules[\\/](@mantine[\\/](core|hooks)|@floating-ui|react-remove-scroll.*|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-transition-group|clsx|tslib|get-nonce|detect-node-es)[\\/]/,
              priority: 2,
            },
            {
              // Only the pages with charts import these (through lazy routes): they load with the first chart.
              name: 'charts',
              test: /node_modules[\\/](recharts|recharts-scale|@mantine[\\/]charts|d3-[a-z-]+|victory-vendor|internmap|lodash|decimal\.js-light|react-smooth|fast-equals|eventemitter3|tiny-invariant)[\\/].*\.[cm]?js$/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
