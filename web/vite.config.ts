import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const apiOrigin = 'http://127.0.0.1:8080';

// The build runs from the project root (`npx vite build --config web/vite.config.ts`), so every path is
// anchored to this file rather than to the working directory.
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Vendor code changes far less often than the app: keep it in its own long-cached chunks.
        codeSplitting: {
          groups: [
            {
              // Only the policy simulation draws charts: ECharts stays out of the start-up chunks.
              name: 'vendor-echarts',
              test: /node_modules[\\/](echarts|zrender)[\\/]/,
              priority: 4,
            },
            {
              // Only the verify page checks signatures and reads QR images: both load with it, not at start-up.
              name: 'vendor-jose',
              test: /node_modules[\\/]jose[\\/]/,
              priority: 4,
            },
            { name: 'vendor-jsqr', test: /node_modules[\\/]jsqr[\\/]/, priority: 4 },
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 3,
            },
            {
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+)[\\/]/,
              priority: 2,
            },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiOrigin, changeOrigin: false },
      '/docs': { target: apiOrigin, changeOrigin: false },
    },
  },
});
