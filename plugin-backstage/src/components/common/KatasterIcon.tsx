import { SvgIcon, SvgIconProps } from '@material-ui/core';

/** The plugin's icon: a document with a check mark. */
export function KatasterIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props}>
      <path d="M6 2h8l6 6v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm7 1.5V9h5.5L13 3.5zM10.6 17.2l6-6-1.4-1.4-4.6 4.6-2.2-2.2-1.4 1.4 3.6 3.6z" />
    </SvgIcon>
  );
}
