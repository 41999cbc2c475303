// A service jiti builds with npm and starts with `npm start`; it binds $PORT on loopback.
const http = require('http');
http.createServer((req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(req.url === '/health' ? 'ok\n' : 'hello from node\n');
}).listen(Number(process.env.PORT), '127.0.0.1');
