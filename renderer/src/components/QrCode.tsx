import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code of `text`, made in the browser by the `qrcode` package as SVG and shown as an image: black on white with
 * a quiet zone whatever the theme, so phones read it off a dark TV too.
 */
export function QrCode({ text, size = 132 }: { text: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } }).then(
      (made) => !cancelled && setSvg(made),
      () => !cancelled && setSvg(null),
    );
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (svg === null) return <span className="qr qr--pending" style={{ width: size, height: size }} />;
  return (
    <img
      className="qr"
      data-testid="qr"
      data-text={text}
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      width={size}
      height={size}
      alt={`QR code for ${text}`}
    />
  );
}
